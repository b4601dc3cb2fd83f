package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.Resumed;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.TokenDelta;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * GPU time is the scarce resource: a reply is read from Ollama at Ollama's speed into its own bounded log and its
 * generation slot is freed when generation ends, whatever its client does; the client gets it at its own speed,
 * and a client that takes nothing at all for the stall timeout is treated as gone (its reply kept for a resume).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class BackpressureTest {
    private static final String TOKEN = "0123456789".repeat(100);    // 1,000 chars a token
    private static final int TOKENS = 10_000;   // 10 MB: more than both sides' socket buffers (Linux grows them to 4 MB)

    @Test
    void aClientThatDoesNotReadDoesNotHoldTheOnlyGenerationSlot() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--parallel", "1", "--client-stall-timeout", "5m",
                "--max-reply-chars", "20000000", "--max-session-chars", "30000000")) {
            fixture.ollama.setTokenDelay(Duration.ZERO);
            fixture.ollama.setReply(call -> Collections.nCopies(TOKENS, TOKEN));

            try (RawWebSocket stalled = new RawWebSocket(fixture.port(), 4096)) {
                stalled.readTextContaining("\"hello\"");
                stalled.sendText(ProtocolJson.writeClient(new ChatRequest("c1", "flood me")));

                // Ollama writes the whole reply although the client reads none of it...
                awaitLong(() -> fixture.ollama.chunksWritten() >= TOKENS, "the whole reply written");
                awaitLong(() -> fixture.server.openOllamaStreams() == 0, "generation ended");
                assertThat(fixture.ollama.cancelledStreams()).isZero();

                // ...so the only slot is free for the next user while the first is still not reading.
                fixture.ollama.setReply(call -> List.of("next ", "user"));
                try (TestClient next = fixture.connect()) {
                    next.send(new ChatRequest("c2", "my turn?"));
                    assertThat(ChatFlowTest.replyText(next)).isEqualTo("next user");
                }
            }
        }
    }

    @Test
    void aClientThatTakesNothingIsClosedAndItsReplyIsKeptForAResume() throws Exception {
        // 6 MB: more than the socket buffers on both sides (Linux lets a loopback send buffer grow to 4 MB).
        List<String> words = IntStream.range(0, 6_000).mapToObj(i -> String.format("%-999d ", i)).toList();
        try (ServerFixture fixture = ServerFixture.start("--client-stall-timeout", "2s", "--resume-grace", "60s",
                "--max-reply-chars", "20000000", "--max-session-chars", "30000000")) {
            fixture.ollama.setTokenDelay(Duration.ZERO);
            fixture.ollama.setReply(call -> words);

            String hello;
            try (RawWebSocket stalled = new RawWebSocket(fixture.port(), 4096)) {
                hello = stalled.readTextContaining("\"hello\"");
                stalled.sendText(ProtocolJson.writeClient(new ChatRequest("c1", "a long one")));
                awaitLong(() -> fixture.server.openOllamaStreams() == 0, "generation ended");
                // It reads nothing: once the kernel's send buffer (which Linux grows up to 4 MB) is full too, nothing
                // drains for the stall timeout and the server lets it go.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (fixture.server.clients().size() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(fixture.server.clients().size()).as("stalled client closed").isZero();
            }

            String sessionId = field(hello, "sessionId");
            String secret = field(hello, "resumeSecret");
            try (TestClient second = fixture.connect()) {
                second.send(new ResumeRequest("r1", sessionId, secret, "c1", -1L));
                Resumed resumed = second.next(Resumed.class);
                assertThat(resumed.history()).hasSize(2);
                assertThat(resumed.history().get(1).content()).isEqualTo(String.join("", words));
            }
        }
    }

    @Test
    void aReplyIsCutAtTheMaximumLengthAndEndsSayingSo() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--max-reply-chars", "2500")) {
            var cancellation = fixture.ollama.nextCancellation();
            // 101 chars a token, an emoji (two chars) at 75 and 76: the limit falls in the middle of it.
            fixture.ollama.setReply(call -> Collections.nCopies(100, "x".repeat(75) + "\uD83D\uDE00" + "x".repeat(24)));
            try (TestClient client = fixture.connect()) {
                client.send(new ChatRequest("c1", "go on forever"));
                StringBuilder text = new StringBuilder();
                ReplyDone done = null;
                for (ServerMessage frame : client.until(ReplyDone.class)) {
                    if (frame instanceof TokenDelta token) {
                        text.append(token.text());
                    } else if (frame instanceof ReplyDone last) {
                        done = last;
                    }
                }
                // 24 whole tokens, then the 25th up to the emoji that would cross the limit (never half of it).
                assertThat(text).hasSize(24 * 101 + 75);
                assertThat(done.doneReason()).isEqualTo("length");
            }
            cancellation.get(10, TimeUnit.SECONDS);       // Ollama was told to stop generating
        }
    }

    /** Like {@link ServerFixture#await}, for the megabytes these tests move through loopback on a busy machine. */
    private static void awaitLong(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String field(String json, String name) {
        int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }
}
