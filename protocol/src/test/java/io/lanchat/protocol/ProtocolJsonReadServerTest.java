package io.lanchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Clients read server frames leniently so that a newer server can add fields and error codes; the writers
 * leave out null fields.
 */
final class ProtocolJsonReadServerTest {

    private static final ObjectMapper TREES = new ObjectMapper();

    @Test
    void ignoresUnknownFieldsAtEveryLevel() throws Exception {
        String json = """
                {"type":"hello","sessionId":"s1","resumeSecret":"k1","protocolVersion":1,"server":"lanchat-server/0.2.0",
                 "motd":"Welcome","features":["attachments"],
                 "ollama":{"available":true,"reason":"Ollama is running.","version":"0.6.0"},
                 "models":[{"name":"llama3.1:8b","sizeBytes":4920753328,"digest":"46e0c10c039e",
                            "modifiedAt":"2025-01-10T12:00:00Z"}],
                 "defaultModel":"llama3.1:8b","maxMessageChars":16000,"maxAttachments":4}
                """;

        ServerMessage message = ProtocolJson.readServer(json);

        assertThat(message).isEqualTo(new Hello("s1", "k1", 1, "lanchat-server/0.2.0",
                new OllamaStatus(true, "Ollama is running."),
                List.of(new ModelInfo("llama3.1:8b", 4_920_753_328L, null, null, null)), "llama3.1:8b", 16_000));
    }

    @Test
    void ignoresUnknownFieldsInsideAResumedFrame() throws Exception {
        String json = """
                {"type":"resumed","id":"s1","sessionId":"A1","resumedAt":"2025-01-10T12:00:00Z",
                 "history":[{"role":"user","content":"Hi","cancelled":false,"at":1736510400}],
                 "reply":{"id":"c1","model":"llama3.1:8b","nextSeq":3,"tokensSoFar":3}}
                """;

        ServerMessage message = ProtocolJson.readServer(json);

        assertThat(message).isEqualTo(new Resumed("s1", "A1", List.of(new HistoryMessage("user", "Hi", false)),
                null, new ReplyInProgress("c1", "llama3.1:8b", 3)));
    }

    @Test
    void readsAResumedWithoutOptionalFields() throws Exception {
        String json = "{\"type\":\"resumed\",\"sessionId\":\"A1\",\"history\":"
                + "[{\"role\":\"user\",\"content\":\"Hi\"}],\"reply\":{\"model\":\"llama3.1:8b\",\"nextSeq\":0}}";

        Resumed resumed = (Resumed) ProtocolJson.readServer(json);

        assertThat(resumed).isEqualTo(new Resumed(null, "A1", List.of(new HistoryMessage("user", "Hi", false)), null,
                new ReplyInProgress(null, "llama3.1:8b", 0)));
    }

    @Test
    void readsAResumedWithoutHistoryAsAnEmptyHistory() throws Exception {
        String json = "{\"type\":\"resumed\",\"id\":\"s1\",\"sessionId\":\"A1\"}";

        Resumed resumed = (Resumed) ProtocolJson.readServer(json);

        assertThat(resumed.history()).isEmpty();
        assertThat(resumed.pending()).isNull();
        assertThat(resumed.reply()).isNull();
    }

    @Test
    void readsFramesOfAServerOlderThanConversationsWithDefaultsForTheNewFields() throws Exception {
        String hello = "{\"type\":\"hello\",\"sessionId\":\"s1\",\"resumeSecret\":\"k1\",\"protocolVersion\":1,"
                + "\"ollama\":{\"available\":true,\"reason\":\"ok\"},\"defaultModel\":\"llama3.1:8b\","
                + "\"maxMessageChars\":16000}";
        String cleared = "{\"type\":\"cleared\",\"id\":\"z1\"}";
        String message = "{\"role\":\"assistant\",\"content\":\"Hi\",\"cancelled\":true}";

        Hello readHello = (Hello) ProtocolJson.readServer(hello);
        HistoryCleared readCleared = (HistoryCleared) ProtocolJson.readServer(cleared);
        Resumed resumed = (Resumed) ProtocolJson.readServer(
                "{\"type\":\"resumed\",\"sessionId\":\"A1\",\"history\":[" + message + "]}");

        assertThat(readHello.ownerKey()).isNull();
        assertThat(readHello.store()).isNull();
        assertThat(readCleared).isEqualTo(new HistoryCleared("z1"));
        assertThat(resumed.history()).containsExactly(new HistoryMessage("assistant", "Hi", true, null, false));
    }

    @Test
    void readsAnOpenedWithoutOptionalFields() throws Exception {
        String json = "{\"type\":\"opened\",\"conversation\":{\"id\":\"A1\",\"title\":\"Sky\","
                + "\"createdAt\":\"2025-03-14T09:02:11Z\",\"updatedAt\":\"2025-03-14T09:02:11Z\",\"messages\":0,"
                + "\"streaming\":false},\"resumeSecret\":\"k1\",\"unreadCount\":3}";

        ConversationOpened opened = (ConversationOpened) ProtocolJson.readServer(json);

        assertThat(opened.settings()).isEqualTo(ConversationSettings.defaults());
        assertThat(opened.history()).isEmpty();
        assertThat(opened.pending()).isNull();
        assertThat(opened.reply()).isNull();
        assertThat(opened.conversation().model()).isNull();
    }

    @Test
    void writesAListingWithoutQueryOrCursorAndDefaultSettingsAsAnEmptyObject() throws Exception {
        ServerMessage list = new ConversationList("l1", null, null, null);
        ServerMessage updated = new ConversationUpdated("n1", new ConversationSummary("A1", "Sky", null,
                "2025-03-14T09:02:11Z", "2025-03-14T09:02:11Z", 2, false), null);

        JsonNode listJson = TREES.readTree(ProtocolJson.writeServerText(list));
        JsonNode updatedJson = TREES.readTree(ProtocolJson.writeServerText(updated));

        assertThat(listJson).isEqualTo(TREES.readTree(
                "{\"type\":\"conversations\",\"id\":\"l1\",\"conversations\":[]}"));
        assertThat(updatedJson).isEqualTo(TREES.readTree("{\"type\":\"conversation\",\"id\":\"n1\","
                + "\"conversation\":{\"id\":\"A1\",\"title\":\"Sky\",\"createdAt\":\"2025-03-14T09:02:11Z\","
                + "\"updatedAt\":\"2025-03-14T09:02:11Z\",\"messages\":2,\"streaming\":false},\"settings\":{}}"));
    }

    @Test
    void mapsAnUnknownErrorCodeToUnknownAndKeepsTheRest() throws Exception {
        String json = "{\"type\":\"error\",\"id\":\"c1\",\"code\":\"quota_exceeded\","
                + "\"message\":\"You have used today's quota.\",\"retryable\":false}";

        ServerMessage message = ProtocolJson.readServer(json);

        assertThat(message).isEqualTo(
                new ErrorMessage("c1", ErrorCode.UNKNOWN, "You have used today's quota.", false));
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void readsEveryErrorCodeByItsLowerCaseWireName(ErrorCode code) throws Exception {
        String json = "{\"type\":\"error\",\"code\":\"" + code.name().toLowerCase(java.util.Locale.ROOT)
                + "\",\"message\":\"m\",\"retryable\":true}";

        ServerMessage message = ProtocolJson.readServer(json);

        assertThat(message).isEqualTo(new ErrorMessage(null, code, "m", true));
        assertThat(code.wireName()).matches("[a-z][a-z_]*");
    }

    @Test
    void readsAbsentOptionalFieldsAsNull() throws Exception {
        String json = "{\"type\":\"done\",\"model\":\"llama3.1:8b\",\"stats\":{\"replyTokens\":12}}";

        ServerMessage message = ProtocolJson.readServer(json);

        assertThat(message).isEqualTo(new ReplyDone(null, "llama3.1:8b", null,
                new ReplyStats(null, 12, null, null, null, null)));
    }

    @Test
    void readsAnUnknownFrameTypeAsNullSoClientsCanSkipIt() throws Exception {
        String json = "{\"type\":\"typing\",\"id\":\"c1\"}";

        ServerMessage message = ProtocolJson.readServer(json);

        assertThat(message).isNull();
    }

    @Test
    void writerLeavesOutNullFields() throws Exception {
        ServerMessage error = new ErrorMessage(null, ErrorCode.BAD_REQUEST, "Unrecognized field \"x\"", false);
        ServerMessage done = new ReplyDone("c1", "llama3.1:8b", null, new ReplyStats(null, 3, null, null, null, 9L));

        JsonNode errorJson = TREES.readTree(ProtocolJson.writeServerText(error));
        JsonNode doneJson = TREES.readTree(ProtocolJson.writeServerText(done));
        JsonNode clearedJson = TREES.readTree(ProtocolJson.writeServerText(new HistoryCleared(null)));
        JsonNode chatJson = TREES.readTree(ProtocolJson.writeClient(new ChatRequest(null, "Hi")));
        JsonNode resumedJson = TREES.readTree(ProtocolJson.writeServerText(new Resumed(null, "A1", null, null, null)));
        JsonNode resumeJson = TREES.readTree(ProtocolJson.writeClient(new ResumeRequest(null, "A1", "k1", null, null)));

        assertThat(errorJson).isEqualTo(TREES.readTree(
                "{\"type\":\"error\",\"code\":\"bad_request\",\"message\":\"Unrecognized field \\\"x\\\"\","
                        + "\"retryable\":false}"));
        assertThat(doneJson).isEqualTo(TREES.readTree(
                "{\"type\":\"done\",\"id\":\"c1\",\"model\":\"llama3.1:8b\","
                        + "\"stats\":{\"replyTokens\":3,\"evalDurationNs\":9}}"));
        assertThat(clearedJson).isEqualTo(TREES.readTree("{\"type\":\"cleared\"}"));
        assertThat(chatJson).isEqualTo(TREES.readTree("{\"type\":\"chat\",\"text\":\"Hi\"}"));
        assertThat(resumedJson).isEqualTo(TREES.readTree(
                "{\"type\":\"resumed\",\"sessionId\":\"A1\",\"history\":[]}"));
        assertThat(resumeJson).isEqualTo(TREES.readTree(
                "{\"type\":\"resume\",\"sessionId\":\"A1\",\"secret\":\"k1\"}"));
    }

    @Test
    void writerDoesNotAddDerivedFigures() {
        ServerMessage done = new ReplyDone("c1", "llama3.1:8b", "stop", new ReplyStats(1, 2, 3L, 4L, 5L, 6L));

        String json = ProtocolJson.writeServerText(done);

        assertThat(json).doesNotContain("tokensPerSecond");
    }
}
