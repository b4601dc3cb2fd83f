package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.Resumed;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that stops reading slows the reading from Ollama instead of making the server buffer the reply; once it
 * has left, the reply reads on only up to a bound while it waits for a resume.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class BackpressureTest {
    private static final String TOKEN = "0123456789".repeat(1_000);   // 10,000 chars a token
    private static final int TOKENS = 5_000;                          // 50 MB: far more than socket buffers hold

    @Test
    void clientThatNeverReadsPausesTheUpstreamStream() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--resume-grace", "5s")) {
            fixture.ollama.setTokenDelay(Duration.ZERO);
            fixture.ollama.setReply(call -> Collections.nCopies(TOKENS, TOKEN));
            var cancellation = fixture.ollama.nextCancellation();

            try (RawWebSocket stalled = new RawWebSocket(fixture.port(), 4096)) {
                stalled.readTextContaining("\"hello\"");
                stalled.sendText(ProtocolJson.writeClient(new ChatRequest("c1", "flood me")));
                ServerFixture.await(() -> fixture.ollama.chunksWritten() > 0, "stream flowing");

                // Once socket buffers and the server's bounded outbound buffer are full, Ollama's writes block.
                long settled = awaitSettled(fixture.ollama::chunksWritten);

                assertThat(settled).as("chunks Ollama could write before being paused").isLessThan(TOKENS / 2);
                assertThat(fixture.ollama.openStreams()).isEqualTo(1);
                assertThat(fixture.ollama.cancelledStreams()).isZero();
            }

            // Nobody is attached: the reply reads on up to its bound (a few of these tokens), then waits for a resume
            // instead of taking all of Ollama's output into memory (the next test checks the bound itself).
            long detached = awaitSettled(fixture.server.metrics()::tokensRelayed);
            assertThat(detached).as("tokens the server read while nobody was attached").isLessThan(TOKENS);

            // The stalled client did not resume within the grace: the server closes the upstream.
            // First the server's side (it closed the connection), then Ollama's (its blocked write failed), so
            // that a failure says which side did not act; the stand-in's writer may be slow to run on a busy CI box.
            ServerFixture.await(() -> fixture.server.openOllamaStreams() == 0, "upstream closed");
            cancellation.get(30, TimeUnit.SECONDS);

            // A reading client still gets a whole reply through the same server.
            fixture.ollama.setReply(call -> Collections.nCopies(200, TOKEN));
            try (TestClient reader = fixture.connect()) {
                reader.send(new ChatRequest("c2", "small flood"));
                assertThat(reader.awaitFrame(ReplyDone.class).stats().replyTokens()).isEqualTo(200);
            }
        }
    }

    @Test
    void detachedReplyWaitsAtItsBoundAndReadsOnWhenResumed() throws Exception {
        // 3 million characters at a token a millisecond or slower: at least 3 s to stream, three times the bound.
        List<String> words = IntStream.range(0, 3_000).mapToObj(i -> String.format("%-999d ", i)).toList();
        try (ServerFixture fixture = ServerFixture.start("--resume-grace", "60s")) {
            fixture.ollama.setTokenDelay(Duration.ofMillis(1));
            fixture.ollama.setReply(call -> words);

            TestClient first = fixture.connect();
            first.send(new ChatRequest("c1", "a long one"));
            first.next(ReplyStarted.class);
            first.close();

            // The server stops reading once the reply holds 1 Mi characters (1,049 of these tokens), give or take
            // the read batch in progress (Netty reads up to 16 x 64 KiB at a time). Unbounded, the count would only
            // settle at the end, 3,000.
            long relayed = awaitSettled(fixture.server.metrics()::tokensRelayed);
            assertThat(relayed).as("tokens read while nobody was attached").isBetween(1_049L, 2_200L);
            assertThat(fixture.server.openOllamaStreams()).as("detached reply paused, not finished").isEqualTo(1);
            assertThat(fixture.ollama.cancelledStreams()).isZero();

            try (TestClient second = fixture.connect()) {
                second.send(new ResumeRequest("r1", first.hello.sessionId(), first.hello.resumeSecret(), null, null));
                assertThat(second.next(Resumed.class).reply().nextSeq()).isZero();
                assertThat(ChatFlowTest.replyText(second)).isEqualTo(String.join("", words));
            }
        }
    }

    /** Waits until a count stops moving for a second (at most 30 s); returns it. */
    private static long awaitSettled(LongSupplier count) throws InterruptedException {
        long last = -1;
        long now = count.getAsLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (now != last && System.nanoTime() < deadline) {
            last = now;
            Thread.sleep(1_000);
            now = count.getAsLong();
        }
        return now;
    }
}
