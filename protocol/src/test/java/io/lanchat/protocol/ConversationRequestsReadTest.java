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
 * The conversation requests are untrusted input like the rest: titles, conversation ids and where to resume a
 * reply are checked when the frame is read, so the server answers {@code bad_request} before it touches a store.
 * Paging, search, export, import and settings: {@link ConversationQueryAndSettingsReadTest}.
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

    private static Throwable readClientFailure(String json) {
        return catchThrowable(() -> ProtocolJson.readClient(json));
    }
}
