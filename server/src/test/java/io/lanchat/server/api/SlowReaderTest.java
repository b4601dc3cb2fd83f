package io.lanchat.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An API client that stops reading holds at most its connection's buffers, not the whole answer: the server
 * stops reading from Ollama while the client's channel is unwritable, so Ollama's writes block. Seen from the
 * stand-in: with a client that reads nothing, it gets only so far into a far longer reply, and stays there.
 *
 * <p>Why this tells the two apart whatever the machine's speed: with the pause, what the stand-in can write is
 * bounded at every instant by the sockets' buffers and the server's write buffer (measured here: about 8 MB;
 * 42 MB at most with this machine's largest socket buffers), so the assertion cannot fail however slowly anything
 * runs; without the pause (seen by disabling it), the server reads the stand-in's
 * reply as fast as it writes, and the count races past the bound (the reply is many times the bound). Waiting
 * stops when the count has not moved for a while, which only decides when to stop looking.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class SlowReaderTest {
    private static final String TOKEN = "x".repeat(1_000);
    /** 400 MB of reply: far beyond any socket buffer (tcp_rmem allows 32 MB here), so it must block somewhere. */
    private static final int TOKENS = 400_000;
    /** Chunks (about 1.1 KB each) the stand-in may get written with the pause in place: 48 MB. */
    private static final long BOUND = 48_000;
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(1_500);

    /**
     * PARANOID leak tracing (every other test's setting) records a stack trace per buffer access: it slows the
     * server's reads from Ollama to a few hundred KB/s, too slow to outrun the sockets' buffers, so the test could
     * not tell a server that pauses from one that does not. Leaks are still sampled here.
     */
    @BeforeAll
    static void sampleLeaksOnly() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @AfterAll
    static void traceLeaksAgain() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void aClientThatStopsReadingStopsTheReadsFromOllama() throws Exception {
        try (ApiFixture fixture = ApiFixture.start("--client-messages-per-minute", "1000")) {
            fixture.ollama.setTokenDelay(Duration.ZERO);
            fixture.ollama.setReply(call -> Collections.nCopies(TOKENS, TOKEN));
            long before = fixture.ollama.chunksWritten();

            try (Socket client = new Socket()) {
                client.setReceiveBufferSize(4096);
                client.connect(new InetSocketAddress("127.0.0.1", fixture.server.apiPort()), 5_000);
                byte[] body = "{\"model\":\"llama3:8b\",\"messages\":[{\"role\":\"user\",\"content\":\"flood\"}]}"
                        .getBytes(StandardCharsets.UTF_8);
                OutputStream out = client.getOutputStream();
                out.write(("POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                // ...and reads nothing.

                long written = awaitQuietOrPast(fixture, before);

                assertThat(written).as("chunks the stand-in wrote to a server whose client reads nothing")
                        .isPositive().isLessThan(BOUND);
                assertThat(fixture.ollama.cancelledStreams()).isZero();     // held, not dropped
            }
        }
    }

    /** The chunks written once the count stops moving, or as soon as it passes the bound. */
    private static long awaitQuietOrPast(ApiFixture fixture, long before) throws InterruptedException {
        long last = -1;
        long since = System.nanoTime();
        while (true) {
            long now = fixture.ollama.chunksWritten() - before;
            if (now >= BOUND) {
                return now;
            }
            if (now != last) {
                last = now;
                since = System.nanoTime();
            } else if (now > 0 && System.nanoTime() - since > QUIET_NANOS) {
                return now;
            }
            Thread.sleep(5);
        }
    }
}
