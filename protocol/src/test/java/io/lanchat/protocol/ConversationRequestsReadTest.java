package io.lanchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conversation requests are untrusted input like the rest: titles, ids, page sizes, cursors, formats and
 * settings are checked when the frame is read, so the server answers {@code bad_request} before it touches a store.
 */
final class ConversationRequestsReadTest {

    private static final String CONVERSATION = "Vq3x9kP0nR2mT7wYbC5dFgLh4Ua";

    // titles

    @ParameterizedTest
    @ValueSource(strings = {"\\n", "\\r", "\\t", "\\u0000", "\\u001b", "\\u007f", "\\u0085"})
    void rejectsARenameWhoseTitleHasAControlCharacter(String escapedControl) {
        String json = rename("\"Sky" + escapedControl + "blue\"");

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("title must not contain control characters");
    }

    @Test
    void rejectsACreateWhoseTitleHasALineBreak() {
        String json = "{\"type\":\"create\",\"title\":\"first line\\nsecond line\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("title must not contain control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"   \"", "\"\\u3000\""})
    void rejectsABlankTitle(String title) {
        Throwable thrown = readClientFailure(rename(title));

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("title must be 1..200 characters, not blank");
    }

    @Test
    void acceptsATitleOfExactly200CharactersWithSpacesAndNonAsciiLetters() throws Exception {
        String title = ("Größe – ✓ " + "t".repeat(190));

        ClientMessage message = ProtocolJson.readClient(rename("\"" + title + "\""));

        assertThat(title).hasSize(200);
        assertThat(message).isEqualTo(new RenameConversationRequest(null, CONVERSATION, title));
    }

    @Test
    void rejectsATitleOf201Characters() {
        Throwable thrown = readClientFailure(rename("\"" + "t".repeat(201) + "\""));

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("title must be 1..200 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"rename\",\"conversationId\":\"A1\"}",
        "{\"type\":\"rename\",\"conversationId\":\"A1\",\"title\":null}"})
    void rejectsARenameWithoutTitle(String json) {
        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class).hasMessageContaining("title is required");
    }

    @Test
    void readsACreateWithNothingButItsType() throws Exception {
        ClientMessage message = ProtocolJson.readClient("{\"type\":\"create\"}");

        assertThat(message).isEqualTo(new CreateConversationRequest(null, null, null));
    }

    // conversation ids

    static Stream<Arguments> requestsWithoutConversationId() {
        return Stream.of(
                arguments("{\"type\":\"open\"}"),
                arguments("{\"type\":\"open\",\"conversationId\":null}"),
                arguments("{\"type\":\"rename\",\"title\":\"Sky\"}"),
                arguments("{\"type\":\"settings\",\"settings\":{}}"),
                arguments("{\"type\":\"delete\",\"id\":\"d1\"}"),
                arguments("{\"type\":\"export\",\"format\":\"json\"}"));
    }

    @ParameterizedTest
    @MethodSource("requestsWithoutConversationId")
    void requiresAConversationId(String json) {
        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("conversationId is required");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 129})
    void rejectsAConversationIdOutside1To128Characters(int length) {
        String json = "{\"type\":\"delete\",\"conversationId\":\"" + "c".repeat(length) + "\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("conversationId must be 1..128 characters");
    }

    @Test
    void rejectsAConversationIdWithAControlCharacter() {
        String json = "{\"type\":\"open\",\"conversationId\":\"A\\u00001\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("conversationId must not contain control characters");
    }

    @Test
    void doesNotCoerceANumberToAConversationId() {
        Throwable thrown = readClientFailure("{\"type\":\"open\",\"conversationId\":42}");

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Cannot coerce Integer value")
                .hasMessageContaining("OpenConversationRequest[\"conversationId\"]");
    }

    // open: replyId and lastSeq as in resume

    @ParameterizedTest
    @ValueSource(longs = {-2, Long.MIN_VALUE})
    void rejectsAnOpenWithALastSeqBelowMinusOne(long lastSeq) {
        String json = "{\"type\":\"open\",\"conversationId\":\"A1\",\"replyId\":\"c1\",\"lastSeq\":" + lastSeq + "}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("lastSeq must be -1 or more");
    }

    @Test
    void readsAnOpenWithLastSeqMinusOne() throws Exception {
        String json = "{\"type\":\"open\",\"conversationId\":\"A1\",\"replyId\":\"c1\",\"lastSeq\":-1}";

        ClientMessage message = ProtocolJson.readClient(json);

        assertThat(message).isEqualTo(new OpenConversationRequest(null, "A1", "c1", -1L));
    }

    @Test
    void rejectsAnOpenWithAReplyIdWithAControlCharacter() {
        String json = "{\"type\":\"open\",\"conversationId\":\"A1\",\"replyId\":\"c\\n1\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("id must not contain control characters");
    }

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

    @Test
    void recordConstructorsApplyTheSameRules() {
        assertThat(catchThrowable(() -> new RenameConversationRequest(null, "A1", "a\tb")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("title must not contain control characters (line breaks, tabs)");
        assertThat(catchThrowable(() -> new DeleteConversationRequest(null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("conversationId is required");
        assertThat(catchThrowable(() -> new ListConversationsRequest(null, null, Paging.MAX_LIMIT + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be 1..200");
        assertThat(catchThrowable(() -> new ExportConversationRequest(null, "A1", "html")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("format must be markdown or json");
        assertThat(catchThrowable(() -> new OpenConversationRequest(null, "A1", "c1", -2L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lastSeq must be -1 or more");
    }

    private static String rename(String titleJson) {
        return "{\"type\":\"rename\",\"conversationId\":\"" + CONVERSATION + "\",\"title\":" + titleJson + "}";
    }

    private static String settings(String settingsJson) {
        return "{\"type\":\"settings\",\"conversationId\":\"A1\",\"settings\":" + settingsJson + "}";
    }

    private static Throwable readClientFailure(String json) {
        return catchThrowable(() -> ProtocolJson.readClient(json));
    }
}
