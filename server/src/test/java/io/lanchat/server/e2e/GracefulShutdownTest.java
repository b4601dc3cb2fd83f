package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.server.ChatServer;
import io.lanchat.server.config.ConfigLoader;
import io.lanchat.standin.StandInOllama;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On shutdown, nothing new starts and waiting requests are answered; replies in flight finish within the grace
 * period or are cancelled with their final frames; then clients get 1001.
 */
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

    /** Issue 11, item 9: a request waiting for a slot is answered, not started, and not left without a final frame. */
    @Test
    void aWaitingRequestIsAnsweredServerShuttingDownAndNeverStarted() throws Exception {
        try (StandInOllama ollama = StandInOllama.start()) {
            ollama.setModels("llama3:8b");
            ollama.setTokenDelay(Duration.ofMillis(20));
            ollama.setReply(call -> Collections.nCopies(50, "tick "));    // ends within the grace
            ChatServer server = start(ollama, "5s");
            try (TestClient alice = TestClient.connect(server.port());
                 TestClient bob = TestClient.connect(server.port())) {
                alice.send(new ChatRequest("a1", "count"));
                alice.next(ReplyStarted.class);
                bob.send(new ChatRequest("b1", "me too"));
                assertThat(bob.nextPhase().phase()).isEqualTo(ReplyPhase.Phase.QUEUED);

                CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

                List<ServerMessage> bobs = bob.until(ErrorMessage.class);
                ErrorMessage refusal = (ErrorMessage) bobs.get(bobs.size() - 1);
                assertThat(refusal.id()).isEqualTo("b1");
                assertThat(refusal.code()).isEqualTo(ErrorCode.SERVER_SHUTTING_DOWN);
                assertThat(refusal.retryable()).isTrue();
                assertThat(bobs).noneMatch(ReplyStarted.class::isInstance);
                alice.awaitFrame(ReplyDone.class);                       // the running one finishes
                assertThat(alice.awaitCloseCode()).isEqualTo(1001);
                assertThat(bob.awaitCloseCode()).isEqualTo(1001);
                closing.get(10, TimeUnit.SECONDS);
                assertThat(ollama.chatCalls()).hasSize(1);              // bob's never reached Ollama
            }
        }
    }

    /** Issue 11, item 9: a reply cut off at the end of the grace ends with one retryable error, then the close. */
    @Test
    void aReplyCutOffAtTheEndOfTheGraceGetsItsFinalFramesBeforeTheClose() throws Exception {
        try (StandInOllama ollama = StandInOllama.start()) {
            ollama.setModels("llama3:8b");
            ollama.setTokenDelay(Duration.ofMillis(50));
            ollama.setReply(call -> Collections.nCopies(1_000, "tock "));
            ChatServer server = start(ollama, "300ms");
            try (TestClient client = TestClient.connect(server.port())) {
                client.send(new ChatRequest("c1", "count forever"));
                client.next(ReplyStarted.class);

                server.close();

                List<ServerMessage> last = client.until(ErrorMessage.class);
                assertThat(last).noneMatch(ReplyCancelled.class::isInstance);
                ErrorMessage error = (ErrorMessage) last.get(last.size() - 1);
                assertThat(error.id()).isEqualTo("c1");
                assertThat(error.code()).isEqualTo(ErrorCode.SERVER_SHUTTING_DOWN);
                assertThat(error.retryable()).as("the message is kept").isTrue();
                assertThat(server.sessions().find(client.hello.sessionId()).orElseThrow().pending())
                        .isEqualTo("count forever");
                assertThat(client.awaitCloseCode()).isEqualTo(1001);
            }
        }
    }

    /** A reply generated in time but still on its way to a slow reader gets the rest and done, not an error. */
    @Test
    void aReplyStillBeingDeliveredWhenTheShutdownBeginsIsDeliveredWithinTheGrace() throws Exception {
        try (StandInOllama ollama = StandInOllama.start()) {
            ollama.setModels("llama3:8b");
            ollama.setTokenDelay(Duration.ZERO);
            // 20 MB: far more than the socket buffers hold, so most of it waits in the server for the reader.
            ollama.setReply(call -> Collections.nCopies(20_000, "y".repeat(999) + " "));
            ChatServer server = start(ollama, "60s", "--max-reply-chars", "21000000", "--max-session-chars",
                    "22000000");
            try (RawWebSocket reader = new RawWebSocket(server.port(), 4096)) {
                reader.readTextContaining("\"hello\"");
                reader.sendText(io.lanchat.protocol.ProtocolJson.writeClient(new ChatRequest("c1", "a long one")));
                ServerFixture.await(() -> ollama.chunksWritten() >= 20_000, "the whole reply written by Ollama");
                ServerFixture.await(() -> server.openOllamaStreams() == 0 && server.scheduler().running() == 0,
                        "generation ended");

                CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
                Thread.sleep(500);                      // the drain has begun; nothing is generating
                String last = null;
                int closeCode = 0;
                for (RawWebSocket.Frame frame : reader.readUntilClosed()) {
                    if (frame.opcode() == 0x8) {
                        closeCode = RawWebSocket.closeCode(frame);
                    } else {
                        last = new String(frame.payload(), java.nio.charset.StandardCharsets.UTF_8);
                    }
                }
                closing.get(30, TimeUnit.SECONDS);
                assertThat(last).contains("\"type\":\"done\"");
                assertThat(closeCode).isEqualTo(1001);
            }
        }
    }

    private static ChatServer start(StandInOllama ollama, String grace, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--bind", "127.0.0.1", "--port", "0",
                "--ollama-host", ollama.baseUri().toString(), "--shutdown-grace", grace, "--parallel", "1",
                "--probe-interval", "100ms",
                "--data-dir", java.nio.file.Files.createTempDirectory("lanchat-data").toString()));
        args.addAll(List.of(more));
        ChatServer server = ChatServer.start(ConfigLoader.load(args.toArray(String[]::new), name -> null));
        ServerFixture.await(() -> server.backends().isAvailable(), "Ollama available");
        return server;
    }
}
