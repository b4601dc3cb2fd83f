package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.TokenDelta;
import io.lanchat.server.ollama.OllamaClient;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A reply that ended cleanly leaves its connection to Ollama open for the next reply (no connect before the first
 * token); a cancelled reply's connection is closed, never reused; a kept connection Ollama closed is not used.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class OllamaConnectionReuseTest {

    @Test
    void consecutiveRepliesShareOneConnection() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(); TestClient client = fixture.connect()) {
            for (int i = 1; i <= 3; i++) {
                client.send(new ChatRequest("c" + i, "question " + i));
                assertThat(client.awaitFrame(ReplyDone.class).id()).isEqualTo("c" + i);
                ServerFixture.await(() -> ollamaClient(fixture).idleChatConnections() == 1, "connection kept");
            }

            assertThat(fixture.ollama.chatCalls()).hasSize(3);
            assertThat(fixture.ollama.chatConnections()).as("connections that carried the 3 chats").isEqualTo(1);
            assertThat(fixture.server.openOllamaStreams()).isZero();
        }
    }

    @Test
    void aCancelledReplysConnectionIsClosedNotReused() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(); TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "warm up"));
            client.awaitFrame(ReplyDone.class);
            ServerFixture.await(() -> ollamaClient(fixture).idleChatConnections() == 1, "connection kept");

            fixture.ollama.setTokenDelay(Duration.ofMillis(50));
            fixture.ollama.setReply(call -> Collections.nCopies(200, "word "));
            var cancellation = fixture.ollama.nextCancellation();
            client.send(new ChatRequest("c2", "a long story"));
            client.awaitFrame(TokenDelta.class);
            assertThat(ollamaClient(fixture).idleChatConnections()).as("taken by the reply").isZero();
            client.send(new CancelRequest("x"));
            client.awaitFrame(ReplyCancelled.class);
            cancellation.get(10, TimeUnit.SECONDS);                 // Ollama saw its client go: generation stops
            ServerFixture.await(() -> fixture.server.openOllamaStreams() == 0, "cancelled stream closed");
            assertThat(ollamaClient(fixture).idleChatConnections()).isZero();

            fixture.ollama.setReply(call -> List.of("ok"));
            client.send(new ChatRequest("c3", "short please"));
            assertThat(client.awaitFrame(ReplyDone.class).id()).isEqualTo("c3");
            assertThat(fixture.ollama.chatConnections()).as("c3 needed a new connection").isEqualTo(2);
        }
    }

    @Test
    void aKeptConnectionThatOllamaClosedIsNotUsed() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(); TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "before"));
            client.awaitFrame(ReplyDone.class);
            ServerFixture.await(() -> ollamaClient(fixture).idleChatConnections() == 1, "connection kept");

            fixture.ollama.restart();                               // closes every connection, the idle one too
            ServerFixture.await(() -> ollamaClient(fixture).idleChatConnections() == 0, "closed one dropped");
            fixture.awaitOllamaProbedUpAfterNow();                  // not refused for a probe during the restart

            client.send(new ChatRequest("c2", "after"));
            assertThat(client.awaitFrame(ReplyDone.class).id()).isEqualTo("c2");
        }
    }

    private static OllamaClient ollamaClient(ServerFixture fixture) {
        return fixture.server.backends().backends().get(0).client();
    }
}
