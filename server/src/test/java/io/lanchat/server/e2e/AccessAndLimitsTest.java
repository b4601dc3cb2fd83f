package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ReplyDone;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Origin checks, access tokens, connection and message limits, and keepalive. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class AccessAndLimitsTest {
    private static final String TOKEN = "correct-horse-battery-staple";

    @Test
    void pageOnAnotherOriginCannotOpenASocket() throws Exception {
        try (ServerFixture fixture = ServerFixture.start()) {
            String self = "127.0.0.1:" + fixture.port();

            assertThat(upgrade(fixture.port(), "Origin: http://evil.example")).startsWith("HTTP/1.1 403");
            assertThat(upgrade(fixture.port(), "Origin: http://" + self)).startsWith("HTTP/1.1 101");
            assertThat(upgrade(fixture.port())).as("non-browser clients send no Origin").startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void configuredOriginsAreAllowed() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--allowed-origins", "https://chat.example.lan")) {
            assertThat(upgrade(fixture.port(), "Origin: https://chat.example.lan")).startsWith("HTTP/1.1 101");
            assertThat(upgrade(fixture.port(), "Origin: https://other.example.lan")).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void withTokensConfiguredNothingIsServedWithoutOne() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--access-tokens", "ada:" + TOKEN + ":admin")) {
            String refused = upgrade(fixture.port());
            assertThat(refused).startsWith("HTTP/1.1 401").contains("access token");
            assertThat(refused).doesNotContain("\"hello\"");
            assertThat(upgrade(fixture.port(), "Authorization: Bearer wrong-token-wrong-token")).startsWith("HTTP/1.1 401");

            assertThat(upgrade(fixture.port(), "Authorization: Bearer " + TOKEN)).startsWith("HTTP/1.1 101");
            assertThat(upgradePath(fixture.port(), "/ws?access_token=" + TOKEN)).startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void tooManyConnectionsFromOneAddressAreRefused() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--max-connections-per-address", "2");
             TestClient first = fixture.connect(); TestClient second = fixture.connect()) {
            String third = upgrade(fixture.port());

            assertThat(third).startsWith("HTTP/1.1 429").contains("Too many connections");
        }
    }

    @Test
    void messagesBeyondTheRateAreRefusedAndKept() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--messages-per-minute", "2");
             TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "one"));
            client.awaitFrame(ReplyDone.class);
            client.send(new ChatRequest("c2", "two"));
            client.awaitFrame(ReplyDone.class);

            client.send(new ChatRequest("c3", "three"));

            ErrorMessage error = client.next(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(error.message()).contains("wait").contains("kept");
            assertThat(error.retryable()).isTrue();
            assertThat(fixture.server.sessions().find(client.hello.sessionId()).orElseThrow().pending())
                    .isEqualTo("three");
        }
    }

    @Test
    void quietConnectionsArePingedAndHalfOpenOnesClosed() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--ping-interval", "200ms");
             RawWebSocket silent = new RawWebSocket(fixture.port());
             TestClient polite = fixture.connect()) {
            silent.readTextContaining("\"hello\"");

            RawWebSocket.Frame frame = silent.read();
            assertThat(frame.opcode()).as("a ping").isEqualTo(0x9);
            // Never answering: the server gives up after three intervals.
            assertThat(silent.isClosedByServer()).isTrue();

            Thread.sleep(1_000);    // the JDK client answers pings, so it stays
            polite.send(new ChatRequest("c1", "still here"));
            assertThat(polite.awaitFrame(ReplyDone.class).id()).isEqualTo("c1");
        }
    }

    private static String upgrade(int port, String... headers) throws IOException {
        return new RawWebSocketProbe(port).upgrade("/ws", headers);
    }

    private static String upgradePath(int port, String path, String... headers) throws IOException {
        return new RawWebSocketProbe(port).upgrade(path, headers);
    }
}
