package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.PingRequest;
import io.lanchat.protocol.Pong;
import io.lanchat.protocol.ReplyDone;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of bad input gets a defined answer, and never disturbs another user. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class BadInputTest {
    private static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServerFixture.start("--max-frame-bytes", "4096", "--max-message-chars", "100");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not JSON                 |`{\"type\":\"chat\",`                          |bad_request |not valid JSON",
            "plain text               |hello                                         |bad_request |not valid JSON",
            "JSON null                |null                                          |bad_request |",
            "array                    |`[1,2]`                                       |bad_request |",
            "no type                  |`{\"id\":\"r1\",\"text\":\"hi\"}`             |bad_request |no \"type\"",
            "unknown type             |`{\"type\":\"dance\",\"id\":\"r1\"}`          |unknown_type|dance",
            "missing text             |`{\"type\":\"chat\",\"id\":\"r1\"}`           |bad_request |text",
            "blank text               |`{\"type\":\"chat\",\"id\":\"r1\",\"text\":\" \"}`|bad_request|blank",
            "text is a number         |`{\"type\":\"chat\",\"id\":\"r1\",\"text\":42}`   |bad_request|text",
            "text is an object        |`{\"type\":\"chat\",\"id\":\"r1\",\"text\":{}}`   |bad_request|text",
            "options not an object    |`{\"type\":\"chat\",\"id\":\"r1\",\"text\":\"a\",\"options\":5}`|bad_request|options",
            "unknown field            |`{\"type\":\"ping\",\"id\":\"r1\",\"extra\":1}`  |bad_request|extra",
            "id is a number           |`{\"type\":\"ping\",\"id\":7}`                 |bad_request|id",
            "deep nesting             |`{\"type\":\"chat\",\"id\":\"r1\",\"text\":\"a\",\"options\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":1}}}}}}}}}}}}}}}}}}`|bad_request|nested",
            "duplicate key            |`{\"type\":\"ping\",\"id\":\"r1\",\"id\":\"r2\"}`|bad_request|"})
    void malformedFramesGetAnErrorAndTheConnectionStaysUsable(String name, String frame, String code, String hint)
            throws Exception {
        try (TestClient client = fixture.connect()) {
            client.sendRaw(frame);

            ErrorMessage error = client.next(ErrorMessage.class);
            assertThat(error.code().wireName()).isEqualTo(code);
            assertThat(error.retryable()).isFalse();
            if (hint != null) {
                assertThat(error.message()).contains(hint);
            }
            if (frame.contains("\"id\":\"r1\"") && !name.equals("duplicate key")) {
                assertThat(error.id()).isEqualTo("r1");
            }
            client.send(new PingRequest("still-there"));
            assertThat(client.next(Pong.class).id()).isEqualTo("still-there");
        }
    }

    @Test
    void tooLongMessageIsRefusedWithTheLimit() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "x".repeat(101)));

            ErrorMessage error = client.next(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LONG);
            assertThat(error.message()).contains("101").contains("100");
            assertThat(fixture.ollama.chatCalls()).noneMatch(c -> c.rawBody().contains("xxxxxxxxxx"));
        }
    }

    @Test
    void binaryFrameClosesWith1003() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.sendBinary(new byte[] {1, 2, 3});

            assertThat(client.awaitCloseCode()).isEqualTo(1003);
        }
    }

    @Test
    void oversizedFrameClosesWith1009() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.sendRaw("{\"type\":\"chat\",\"text\":\"" + "y".repeat(5000) + "\"}");

            assertThat(client.awaitCloseCode()).isEqualTo(1009);
        }
    }

    @Test
    void oversizedFragmentedMessageClosesWith1009() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.sendFragments("{\"type\":\"chat\",\"text\":\"", "z".repeat(3000), "z".repeat(3000), "\"}");

            assertThat(client.awaitCloseCode()).isEqualTo(1009);
        }
    }

    @Test
    void fragmentedMessageIsReassembled() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.sendFragments("{\"type\":\"pi", "ng\",\"id\":\"fr", "ag\"}");

            assertThat(client.next(Pong.class).id()).isEqualTo("frag");
        }
    }

    @Test
    void invalidUtf8ClosesWith1007() throws Exception {
        try (RawWebSocket raw = new RawWebSocket(fixture.port())) {
            raw.readTextContaining("\"hello\"");
            byte[] bad = "{\"type\":\"ping\",\"id\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
            bad[bad.length - 4] = (byte) 0xC3;   // a lead byte followed by an ASCII quote: invalid
            bad[bad.length - 3] = (byte) 0x22;

            raw.send(RawWebSocket.TEXT, bad, true);

            assertThat(closeCodesUntilEof(raw)).containsExactly(1007);
        }
    }

    @Test
    void oversizedFrameGetsExactlyOneCloseFrame() throws Exception {
        try (RawWebSocket raw = new RawWebSocket(fixture.port())) {
            raw.readTextContaining("\"hello\"");

            raw.sendText("{\"type\":\"chat\",\"text\":\"" + "y".repeat(5000) + "\"}");

            assertThat(closeCodesUntilEof(raw)).containsExactly(1009);
        }
    }

    @Test
    void binaryFrameGetsExactlyOneCloseFrame() throws Exception {
        try (RawWebSocket raw = new RawWebSocket(fixture.port())) {
            raw.readTextContaining("\"hello\"");

            raw.send(RawWebSocket.BINARY, new byte[] {1, 2, 3}, true);

            assertThat(closeCodesUntilEof(raw)).containsExactly(1003);
        }
    }

    @Test
    void protocolViolationClosesWith1002() throws Exception {
        try (RawWebSocket raw = new RawWebSocket(fixture.port())) {
            raw.readTextContaining("\"hello\"");

            raw.send(0x3, new byte[] {1}, true);      // opcode 3 is reserved

            assertThat(closeCodesUntilEof(raw)).containsExactly(1002);
        }
    }

    @Test
    void theCloseHelperDoesNotMistakeAnOpenConnectionForAClosedOne() throws Exception {
        try (RawWebSocket raw = new RawWebSocket(fixture.port())) {
            raw.readTextContaining("\"hello\"");

            assertThat(raw.isClosedByServer()).as("open for 5 s: a read timeout, not a close").isFalse();
        }
    }

    /** RFC 6455 section 5.5.1: after its close frame an endpoint sends no further frame, a second close included. */
    private static java.util.List<Integer> closeCodesUntilEof(RawWebSocket raw) throws java.io.IOException {
        return raw.readUntilClosed().stream().filter(f -> f.opcode() == RawWebSocket.CLOSE)
                .map(RawWebSocket::closeCode).toList();
    }

    @Test
    void textAfterCloseIsIgnoredAndHarmsNobody() throws Exception {
        try (TestClient bystander = fixture.connect(); RawWebSocket raw = new RawWebSocket(fixture.port())) {
            raw.readTextContaining("\"hello\"");
            raw.send(RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE8}, true);
            raw.sendText("{\"type\":\"ping\",\"id\":\"late\"}");

            assertThat(raw.readCloseCode()).isEqualTo(1000);
            assertThat(raw.isClosedByServer()).isTrue();
            bystander.send(new ChatRequest("b1", "still fine?"));
            assertThat(bystander.awaitFrame(ReplyDone.class).id()).isEqualTo("b1");
        }
    }

    @Test
    void aBadClientDoesNotDisturbAnotherUsersReply() throws Exception {
        try (TestClient good = fixture.connect(); TestClient bad = fixture.connect()) {
            good.send(new ChatRequest("g1", "hello from a good user"));
            for (int i = 0; i < 50; i++) {
                bad.sendRaw("{garbage " + i);
            }
            bad.sendBinary(new byte[] {0});

            assertThat(good.awaitFrame(ReplyDone.class).id()).isEqualTo("g1");
            assertThat(bad.awaitCloseCode()).isEqualTo(1003);
        }
    }
}
