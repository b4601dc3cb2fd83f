package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ReplyDone;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sockets that connect and say nothing, or too little, cannot hold the server's connection limits. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class SilentSocketsTest {

    @Test
    void aSocketThatSendsNothingIsClosedAfterTheRequestTimeout() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--request-timeout", "300ms");
             Socket silent = new Socket("127.0.0.1", fixture.port())) {

            assertThat(closedByServerWithin(silent, 5_000)).isTrue();
        }
    }

    @Test
    void aRequestDribbledTooSlowlyIsClosed() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--request-timeout", "300ms");
             Socket slow = new Socket("127.0.0.1", fixture.port())) {
            slow.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(closedByServerWithin(slow, 5_000)).isTrue();
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsAnswer() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--request-timeout", "300ms");
             Socket keepAlive = new Socket("127.0.0.1", fixture.port())) {
            keepAlive.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            keepAlive.setSoTimeout(5_000);
            assertThat(new String(keepAlive.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                    .isEqualTo("HTTP/1.1 200");

            assertThat(closedByServerWithin(keepAlive, 5_000)).isTrue();
        }
    }

    @Test
    void anOpenWebSocketIsNotSubjectToTheRequestTimeout() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--request-timeout", "300ms");
             TestClient client = fixture.connect()) {
            Thread.sleep(1_000);

            client.send(new ChatRequest("c1", "still here"));
            assertThat(client.awaitFrame(ReplyDone.class).id()).isEqualTo("c1");
        }
    }

    @Test
    void silentSocketsCountAgainstTheirAddressFromTheMomentTheyConnect() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--max-connections-per-address", "2");
             Socket first = new Socket("127.0.0.1", fixture.port());
             Socket second = new Socket("127.0.0.1", fixture.port())) {

            // The server learns of the two sockets on its event loops a moment after they connected: ask until then.
            String answer = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!answer.startsWith("HTTP/1.1 429") && System.nanoTime() < deadline) {
                answer = new RawWebSocketProbe(fixture.port()).upgrade("/ws");
                Thread.sleep(20);
            }

            assertThat(answer).startsWith("HTTP/1.1 429");
        }
    }

    @Test
    void failedUpgradesOnOneKeptAliveSocketCountOnce() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--max-connections-per-address", "2");
             Socket socket = new Socket("127.0.0.1", fixture.port())) {
            RawWebSocketProbe probe = new RawWebSocketProbe(fixture.port());
            for (int i = 0; i < 3; i++) {
                // Passes the gate, then fails the handshake (an unsupported version); the socket stays open.
                assertThat(probe.upgradeOn(socket, "/ws", "Sec-WebSocket-Version: 99")).startsWith("HTTP/1.1 426");
            }

            try (TestClient client = fixture.connect()) {
                client.send(new ChatRequest("c1", "one socket, one place"));
                assertThat(client.awaitFrame(ReplyDone.class).id()).isEqualTo("c1");
            }
        }
    }

    private static boolean closedByServerWithin(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // whatever the server answered before closing
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
