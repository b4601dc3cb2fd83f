package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.server.HeapExhaustionGuard;
import io.lanchat.standin.StandInOllama;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real entry point as its own process with a small heap and a history budget far larger than that heap (an
 * administrator's mistake): conversations fill the heap, and the process must end with a clear message and a
 * non-zero code (for its supervisor to restart it) instead of hanging. The out-of-memory errors happen inside
 * Netty's event loops, which catch and log them.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
final class OutOfMemoryExitTest {
    private static final int CLIENTS = 4;
    private final AtomicInteger replies = new AtomicInteger();

    @Test
    void runningOutOfHeapEndsTheProcessWithAClearMessage() throws Exception {
        try (StandInOllama ollama = StandInOllama.start()) {
            String tenThousand = "x".repeat(10_000);
            ollama.setReply(call -> Collections.nCopies(200, tenThousand));     // 2,000,000 characters a reply
            ollama.setTokenDelay(Duration.ZERO);
            Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"),
                    "io.lanchat.server.ServerMain",
                    "--bind", "127.0.0.1", "--port", "0", "--ollama-host", ollama.baseUri().toString(),
                    "--model", StandInOllama.DEFAULT_MODEL_A, "--max-history-chars", "1000000000", "--max-session-chars", "100000000",
                    "--max-reply-chars", "10000000",
                    "--max-stored-messages", "100000", "--parallel", String.valueOf(CLIENTS),
                    "--messages-per-minute", "100000", "--client-messages-per-minute", "100000",
                    "--database", "none")
                    .redirectErrorStream(true).start();
            StringBuilder log = new StringBuilder();
            List<TestClient> clients = new ArrayList<>();
            try {
                CompletableFuture<Integer> port = new CompletableFuture<>();
                Thread reader = new Thread(() -> ServerProcessLog.follow(server, port, log));
                reader.setDaemon(true);
                reader.start();
                int serverPort = port.get(30, TimeUnit.SECONDS);
                for (int i = 0; i < CLIENTS; i++) {
                    TestClient client = TestClient.connect(serverPort);
                    clients.add(client);
                    Thread chatter = new Thread(() -> chatUntilGone(client, server));
                    chatter.setDaemon(true);
                    chatter.start();
                }

                assertThat(server.waitFor(120, TimeUnit.SECONDS))
                        .as("the process ended (after %d replies); its log:%n%s", replies.get(), tail(log)).isTrue();
                reader.join(5_000);
                assertThat(server.exitValue()).isEqualTo(HeapExhaustionGuard.EXIT_CODE);
                assertThat(tail(log)).as("the server's last words").contains("lanchat: FATAL: out of memory")
                        .contains("exiting so a supervisor can restart the server");
            } finally {
                clients.forEach(TestClient::close);
                server.destroyForcibly();
            }
        }
    }

    /** Sends one long chat after another, each after the last one's end, until the server is gone. */
    private void chatUntilGone(TestClient client, Process server) {
        for (int i = 0; server.isAlive() && !client.isClosed(); i++) {
            try {
                client.send(new ChatRequest("m" + i, "tell me everything " + i, null, null));
                client.awaitFrame(ReplyDone.class);
                replies.incrementAndGet();
            } catch (AssertionError | Exception e) {
                // a refusal, an error frame or a slow reply near the end: go on until the process is gone
                if (e instanceof InterruptedException) {
                    return;
                }
            }
        }
    }

    private static String tail(StringBuilder log) {
        synchronized (log) {
            return log.substring(Math.max(0, log.length() - 8_000));
        }
    }
}
