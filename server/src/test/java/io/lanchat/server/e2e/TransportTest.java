package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ReplyDone;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server works the same on every Netty transport (epoll is the default where it loads). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class TransportTest {

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll", "io_uring"})
    void aChatStreamsOnEveryTransport(String transport) throws Exception {
        Assumptions.assumeTrue(switch (transport) {
            case "epoll" -> Epoll.isAvailable();
            case "io_uring" -> IoUring.isAvailable();
            default -> true;
        }, transport + " does not load on this machine");
        try (ServerFixture fixture = ServerFixture.start("--transport", transport); TestClient client = fixture.connect()) {
            assertThat(fixture.server.transport()).isEqualTo(transport);

            client.send(new ChatRequest("c1", "hello"));

            ReplyDone done = client.awaitFrame(ReplyDone.class);
            assertThat(done.stats().replyTokens()).isPositive();
            assertThat(fixture.ollama.chatCalls()).hasSize(1);
        }
    }
}
