package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.server.ChatServer;
import io.lanchat.server.config.ConfigLoader;
import io.lanchat.standin.StandInOllama;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** On shutdown, replies in flight finish within the grace period (or are cancelled), then clients get 1001. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class GracefulShutdownTest {

    @Test
    void replyInFlightFinishesThenClientIsToldTheServerIsGoingAway() throws Exception {
        try (StandInOllama ollama = StandInOllama.start()) {
            ollama.setModels("llama3:8b");
            ollama.setTokenDelay(Duration.ofMillis(20));
            ollama.setReply(call -> Collections.nCopies(40, "tick "));
            ChatServer server = start(ollama, "5s");
            try (TestClient client = TestClient.connect(server.port())) {
                client.send(new ChatRequest("c1", "count"));
                client.next(ReplyStarted.class);

                CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

                ReplyDone done = client.awaitFrame(ReplyDone.class);
                assertThat(done.stats().replyTokens()).isEqualTo(40);
                assertThat(client.awaitCloseCode()).isEqualTo(1001);
                closing.get(10, TimeUnit.SECONDS);
                assertThat(ollama.cancelledStreams()).isZero();
            }
        }
    }

    @Test
    void replyLongerThanTheGraceIsCancelled() throws Exception {
        try (StandInOllama ollama = StandInOllama.start()) {
            ollama.setModels("llama3:8b");
            ollama.setTokenDelay(Duration.ofMillis(50));
            ollama.setReply(call -> Collections.nCopies(1_000, "tock "));
            ChatServer server = start(ollama, "300ms");
            var cancellation = ollama.nextCancellation();
            try (TestClient client = TestClient.connect(server.port())) {
                client.send(new ChatRequest("c1", "count forever"));
                client.next(ReplyStarted.class);

                server.close();

                assertThat(client.awaitCloseCode()).isEqualTo(1001);
                cancellation.get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static ChatServer start(StandInOllama ollama, String grace) throws Exception {
        ChatServer server = ChatServer.start(ConfigLoader.load(new String[] {"--bind", "127.0.0.1", "--port", "0",
                "--ollama-host", ollama.baseUri().toString(), "--shutdown-grace", grace,
                "--probe-interval", "100ms"}, name -> null));
        ServerFixture.await(() -> server.backends().isAvailable(), "Ollama available");
        return server;
    }
}
