package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ReplyDone;
import java.io.IOException;
import java.net.Socket;
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
    void aDnsRebindingPageIsRefusedAlthoughItsOriginMatchesItsHost() throws Exception {
        try (ServerFixture fixture = ServerFixture.start()) {
            String evil = "evil.example:" + fixture.port();

            String refused = upgrade(fixture.port(), "Host: " + evil, "Origin: http://" + evil);

            assertThat(refused).startsWith("HTTP/1.1 403").contains("--allowed-hosts").contains("evil.example");
            assertThat(upgrade(fixture.port(), "Host: localhost:" + fixture.port(),
                    "Origin: http://localhost:" + fixture.port())).startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void configuredHostNamesAreAllowed() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--allowed-hosts", "chat.example.lan")) {
            String name = "chat.example.lan:" + fixture.port();

            assertThat(upgrade(fixture.port(), "Host: " + name, "Origin: http://" + name)).startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void theForwardedAddressIsTheLastOneOverAllHeaderLines() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--trusted-proxies", "127.0.0.1",
                "--max-connections-per-address", "1");
             Socket viaProxy = new Socket("127.0.0.1", fixture.port())) {
            RawWebSocketProbe probe = new RawWebSocketProbe(fixture.port());
            // The proxy appended its line after the one the client sent: the client is 10.0.0.2.
            assertThat(probe.upgradeOn(viaProxy, "/ws", "X-Forwarded-For: 10.0.0.1", "X-Forwarded-For: 10.0.0.2"))
                    .startsWith("HTTP/1.1 101");

            assertThat(upgrade(fixture.port(), "X-Forwarded-For: 10.0.0.1")).as("another client").startsWith("HTTP/1.1 101");
            assertThat(upgrade(fixture.port(), "X-Forwarded-For: 10.0.0.2")).as("the same").startsWith("HTTP/1.1 429");
        }
    }

    @Test
    void trustedProxiesAreComparedAsAddressesNotStrings() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--bind", "::1", "--trusted-proxies", "::1",
                "--max-connections-per-address", "1");
             Socket first = new Socket("::1", fixture.port());
             Socket second = new Socket("::1", fixture.port())) {
            RawWebSocketProbe probe = new RawWebSocketProbe(fixture.port());

            assertThat(probe.upgradeOn(first, "/ws", "Host: [::1]", "X-Forwarded-For: 10.0.0.1")).startsWith("HTTP/1.1 101");
            assertThat(probe.upgradeOn(second, "/ws", "Host: [::1]", "X-Forwarded-For: 10.0.0.2"))
                    .as("a second client behind the same proxy").startsWith("HTTP/1.1 101");
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
