package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.protocol.TokenDelta;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chats through a real nginx (Debian's package, started here on loopback) configured with the very file the
 * README shows, docs/nginx-lanchat.conf: streaming, keepalive past nginx's idle timeout, and the Origin check.
 * Skipped, saying why, where nginx is not installed.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class ReverseProxyTest {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private ServerFixture fixture;
    private Process nginx;
    private Path dir;
    private int proxyPort;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed (apt-get install nginx)");
        fixture = ServerFixture.start("--ping-interval", "500ms", "--trusted-proxies", "127.0.0.1");
        dir = Files.createTempDirectory("nginx-test");
        proxyPort = freePort();
        String site = Files.readString(Path.of("..", "docs", "nginx-lanchat.conf"))
                .replace("server 127.0.0.1:8080;", "server 127.0.0.1:" + fixture.port() + ";")
                .replace("listen 80;", "listen 127.0.0.1:" + proxyPort + ";")
                // Shorter than the README's, so the test shows pings keep an idle connection past it.
                .replace("proxy_read_timeout 75s;", "proxy_read_timeout 2s;");
        Files.writeString(dir.resolve("nginx.conf"), "daemon off;\nworker_processes 1;\npid " + dir.resolve("nginx.pid")
                + ";\nerror_log " + dir.resolve("error.log") + " warn;\nevents { worker_connections 256; }\nhttp {\n"
                + "  access_log off;\n  client_body_temp_path " + dir + "/body;\n  proxy_temp_path " + dir + "/proxy;\n"
                + "  fastcgi_temp_path " + dir + "/fcgi;\n  uwsgi_temp_path " + dir + "/uwsgi;\n  scgi_temp_path " + dir
                + "/scgi;\n" + site + "\n}\n");
        nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        awaitProxy();
    }

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void chatStreamsThroughNginxTokenByToken() throws Exception {
        fixture.ollama.setTokenDelay(Duration.ofMillis(100));
        fixture.ollama.setReply(call -> Collections.nCopies(10, "tok "));
        try (TestClient client = TestClient.connect(proxyPort)) {
            client.send(new ChatRequest("c1", "through the proxy"));
            client.next(ReplyStarted.class);

            long first = System.nanoTime();
            client.next(TokenDelta.class);
            client.next(TokenDelta.class);
            long spread = System.nanoTime() - first;

            // Unbuffered: tokens arrive as produced, not all at once at the end.
            assertThat(Duration.ofNanos(spread)).isGreaterThan(Duration.ofMillis(50));
            assertThat(client.awaitFrame(ReplyDone.class).stats().replyTokens()).isEqualTo(10);
        }
    }

    @Test
    void pingsKeepAnIdleConnectionOpenPastTheProxysTimeout() throws Exception {
        try (TestClient client = TestClient.connect(proxyPort)) {
            Thread.sleep(5_000);        // idle: nginx alone would close after 2 s

            assertThat(client.isClosed()).isFalse();
            client.send(new ChatRequest("c1", "still there?"));
            assertThat(client.awaitFrame(ReplyDone.class).id()).isEqualTo("c1");
        }
    }

    @Test
    void originCheckWorksThroughTheProxy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String self = "http://127.0.0.1:" + proxyPort;
        assertThat(http.send(HttpRequest.newBuilder(URI.create(self + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        assertThat(new RawWebSocketProbe(proxyPort).upgradeStatus("Origin: " + self)).isEqualTo(101);
        assertThat(new RawWebSocketProbe(proxyPort).upgradeStatus("Origin: http://evil.example")).isEqualTo(403);
    }

    private void awaitProxy() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (var socket = new java.net.Socket("127.0.0.1", proxyPort)) {
                return;
            } catch (IOException notYet) {
                if (!nginx.isAlive()) {
                    throw new AssertionError("nginx exited: " + Files.readString(dir.resolve("stdout.log")));
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nginx did not start");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
