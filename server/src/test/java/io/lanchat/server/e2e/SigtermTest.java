package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.standin.StandInOllama;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real entry point as its own process: SIGTERM closes every client with 1001 and the process exits. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class SigtermTest {

    @Test
    void sigtermTellsClientsTheServerIsGoingAwayAndExits() throws Exception {
        try (StandInOllama ollama = StandInOllama.start()) {
            Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.lanchat.server.ServerMain",
                    "--bind", "127.0.0.1", "--port", "0", "--ollama-host", ollama.baseUri().toString(),
                    "--shutdown-grace", "1s", "--database", "none")
                    .redirectErrorStream(true).start();
            try {
                CompletableFuture<Integer> port = new CompletableFuture<>();
                StringBuilder log = new StringBuilder();
                Thread reader = new Thread(() -> ServerProcessLog.follow(server, port, log));
                reader.setDaemon(true);
                reader.start();

                try (TestClient client = TestClient.connect(port.get(30, TimeUnit.SECONDS))) {
                    server.destroy();                                  // SIGTERM

                    assertThat(client.awaitCloseCode()).isEqualTo(1001);
                    assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("process exited").isTrue();
                    assertThat(server.exitValue()).isEqualTo(143);       // 128 + SIGTERM, after the shutdown hook
                }
            } finally {
                server.destroyForcibly();
            }
        }
    }
}
