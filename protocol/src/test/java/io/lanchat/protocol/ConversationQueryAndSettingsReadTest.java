package io.lanchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Page sizes, cursors, search words, export formats, imports and conversation settings are checked when the frame
 * is read, with a message that names the rule.
 */
final class ConversationQueryAndSettingsReadTest {

    // paging

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 200})
    void acceptsALimitFrom1To200(int limit) throws Exception {
        ClientMessage message = ProtocolJson.readClient("{\"type\":\"conversations\",\"limit\":" + limit + "}");

        assertThat(message).isEqualTo(new ListConversationsRequest(null, null, limit));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "201", "2147483647"})
    void rejectsALimitOutside1To200(String limit) {
        Throwable listing = readClientFailure("{\"type\":\"conversations\",\"limit\":" + limit + "}");
        Throwable search = readClientFailure("{\"type\":\"search\",\"query\":\"sky\",\"limit\":" + limit + "}");

        assertThat(listing).isInstanceOf(JsonProcessingException.class).hasMessageContaining("limit must be 1..200");
        assertThat(search).isInstanceOf(JsonProcessingException.class).hasMessageContaining("limit must be 1..200");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"20\"", "2.5", "true", "2147483648"})
    void rejectsALimitThatIsNotAWholeNumber(String limit) {
        Throwable thrown = readClientFailure("{\"type\":\"conversations\",\"limit\":" + limit + "}");

        assertThat(thrown).isInstanceOf(JsonProcessingException.class).hasMessageContaining("limit");
    }

    @Test
    void acceptsACursorOfExactly200Characters() throws Exception {
        String cursor = "k".repeat(200);

        ClientMessage message = ProtocolJson.readClient("{\"type\":\"conversations\",\"cursor\":\"" + cursor + "\"}");

        assertThat(message).isEqualTo(new ListConversationsRequest(null, cursor, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 201, 5000})
    void rejectsACursorOutside1To200Characters(int length) {
        String cursor = "\"" + "k".repeat(length) + "\"";

        Throwable listing = readClientFailure("{\"type\":\"conversations\",\"cursor\":" + cursor + "}");
        Throwable search = readClientFailure("{\"type\":\"search\",\"query\":\"sky\",\"cursor\":" + cursor + "}");

        assertThat(listing).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("cursor must be 1..200 characters");
        assertThat(search).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("cursor must be 1..200 characters");
    }

    // search

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"search\"}", "{\"type\":\"search\",\"query\":null}",
        "{\"type\":\"search\",\"query\":\"\"}", "{\"type\":\"search\",\"query\":\" \\t \"}"})
    void rejectsASearchWithoutWords(String json) {
        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("query must be 1..200 characters, not blank");
    }

    @Test
    void rejectsAQueryOf201Characters() {
        Throwable thrown = readClientFailure("{\"type\":\"search\",\"query\":\"" + "q".repeat(201) + "\"}");

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("query must be 1..200 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\n", "\\u001b"})
    void rejectsAQueryWithAControlCharacter(String escapedControl) {
        String json = "{\"type\":\"search\",\"query\":\"sky" + escapedControl + "blue\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("query must not contain control characters");
    }

    // export and import

    @ParameterizedTest
    @ValueSource(strings = {"\"pdf\"", "\"JSON\"", "\"Markdown\"", "\"md\"", "\"\"", "null"})
    void rejectsAnExportFormatOtherThanMarkdownOrJson(String format) {
        String json = "{\"type\":\"export\",\"conversationId\":\"A1\",\"format\":" + format + "}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("format must be markdown or json");
    }

    @Test
    void rejectsAnExportWithoutFormat() {
        Throwable thrown = readClientFailure("{\"type\":\"export\",\"conversationId\":\"A1\"}");

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("format must be markdown or json");
    }

    @Test
    void readsAMarkdownExport() throws Exception {
        String json = "{\"type\":\"export\",\"conversationId\":\"A1\",\"format\":\"markdown\"}";

        ClientMessage message = ProtocolJson.readClient(json);

        assertThat(message).isEqualTo(new ExportConversationRequest(null, "A1", "markdown"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"import\"}", "{\"type\":\"import\",\"content\":null}",
        "{\"type\":\"import\",\"content\":\"  \"}"})
    void rejectsAnImportWithoutContent(String json) {
        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("content is required");
    }

    @Test
    void rejectsAnImportWhoseContentIsAnObjectNotItsText() {
        String json = "{\"type\":\"import\",\"content\":{\"format\":\"lanchat-conversation\",\"version\":1}}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("ImportConversationRequest[\"content\"]");
    }

    // settings

    @Test
    void acceptsASystemPromptOfExactly20000Characters() throws Exception {
        String system = "s".repeat(ConversationSettings.MAX_SYSTEM_LENGTH);

        UpdateSettingsRequest request = (UpdateSettingsRequest) ProtocolJson.readClient(settings(
                "{\"system\":\"" + system + "\"}"));

        assertThat(request.settings().system()).hasSize(20_000);
    }

    @Test
    void rejectsASystemPromptOf20001Characters() {
        String system = "s".repeat(ConversationSettings.MAX_SYSTEM_LENGTH + 1);

        Throwable thrown = readClientFailure(settings("{\"system\":\"" + system + "\"}"));

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("system must be at most 20000 characters");
    }

    @Test
    void rejectsSettingsWithAModelWithSpaces() {
        Throwable thrown = readClientFailure(settings("{\"model\":\"llama 3\"}"));

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("model must not contain spaces or control characters");
    }

    @Test
    void rejectsSettingsWithMoreThan64Options() {
        StringBuilder options = new StringBuilder("{");
        for (int i = 0; i < 65; i++) {
            options.append(i == 0 ? "" : ",").append("\"o").append(i).append("\":").append(i);
        }
        options.append('}');

        Throwable thrown = readClientFailure(settings("{\"options\":" + options + "}"));

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("options may have at most 64 entries");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"settings\",\"conversationId\":\"A1\"}",
        "{\"type\":\"settings\",\"conversationId\":\"A1\",\"settings\":null}"})
    void rejectsASettingsRequestWithoutSettings(String json) {
        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class).hasMessageContaining("settings is required");
    }

    @Test
    void rejectsAnOptionPutBesideTheSettingsInsteadOfInOptions() {
        Throwable thrown = readClientFailure(settings("{\"temperature\":0.2}"));

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Unrecognized field \"temperature\"")
                .hasMessageContaining("ConversationSettings");
    }

    @Test
    void readsEmptySettingsAsTheServerDefaults() throws Exception {
        ClientMessage message = ProtocolJson.readClient(settings("{}"));

        assertThat(message).isEqualTo(new UpdateSettingsRequest(null, "A1", ConversationSettings.defaults()));
    }

    private static String settings(String settingsJson) {
        return "{\"type\":\"settings\",\"conversationId\":\"A1\",\"settings\":" + settingsJson + "}";
    }

    private static Throwable readClientFailure(String json) {
        return catchThrowable(() -> ProtocolJson.readClient(json));
    }
}
