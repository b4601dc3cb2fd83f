package io.lanchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client frames are untrusted input: {@link ProtocolJson#readClient} must refuse anything that is not exactly a
 * valid message, with an exception whose message tells the client author what is wrong.
 */
final class ProtocolJsonReadClientTest {

    @Test
    void readsAChatWithOnlyText() throws Exception {
        String json = "{\"type\":\"chat\",\"text\":\"Hello there\"}";

        ClientMessage message = ProtocolJson.readClient(json);

        assertThat(message).isEqualTo(new ChatRequest(null, "Hello there"));
    }

    @Test
    void treatsNullOptionalFieldsAsAbsent() throws Exception {
        String json = "{\"type\":\"chat\",\"id\":null,\"text\":\"Hi\",\"model\":null,\"options\":null}";

        ClientMessage message = ProtocolJson.readClient(json);

        assertThat(message).isEqualTo(new ChatRequest(null, "Hi"));
    }

    @Test
    void acceptsFieldsInAnyOrderAndWhitespaceAroundTheFrame() throws Exception {
        String json = "\n  {\"id\":\"r1\", \"model\":\"qwen2.5:7b\", \"type\":\"retry\"}  \n";

        ClientMessage message = ProtocolJson.readClient(json);

        assertThat(message).isEqualTo(new RetryRequest("r1", "qwen2.5:7b"));
    }

    @Test
    void rejectsMalformedJson() {
        String json = "{\"type\":\"chat\",\"text\":\"Hi\"";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class).hasMessageContaining("end-of-input");
    }

    @Test
    void rejectsAnUnknownTypeAndListsTheKnownOnes() {
        String json = "{\"type\":\"summarize\",\"text\":\"Hi\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("'summarize'")
                .hasMessageContaining("known type ids = [cancel, chat, conversations, create, delete, edit, export, import,"
                        + " list_shares, models, open, open_room, ping, pull, regenerate, rename, reset, resume, retry,"
                        + " revoke_share, search, settings, share, switch_version, typing]");
    }

    @Test
    void typeNamesAreCaseSensitive() {
        String json = "{\"type\":\"Chat\",\"text\":\"Hi\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class).hasMessageContaining("'Chat'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\":\"Hi\"}", "{\"type\":null,\"text\":\"Hi\"}", "{}"})
    void rejectsAFrameWithoutType(String json) {
        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("missing type id property 'type'");
    }

    @Test
    void rejectsAChatWithoutText() {
        String json = "{\"type\":\"chat\",\"id\":\"c1\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class).hasMessageContaining("text must not be blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"   \"", "\"\\n\\t \"", "null"})
    void rejectsBlankText(String text) {
        String json = "{\"type\":\"chat\",\"text\":" + text + "}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class).hasMessageContaining("text must not be blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "4.2", "true", "{\"content\":\"Hi\"}", "[\"Hi\"]"})
    void rejectsTextOfTheWrongTypeNamingTheField(String text) {
        String json = "{\"type\":\"chat\",\"text\":" + text + "}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("java.lang.String")
                .hasMessageContaining("ChatRequest[\"text\"]");
    }

    static Stream<Arguments> integersInStringFields() {
        return Stream.of(
                arguments("{\"type\":\"chat\",\"text\":42}", "ChatRequest[\"text\"]"),
                arguments("{\"type\":\"chat\",\"id\":7,\"text\":\"Hi\"}", "ChatRequest[\"id\"]"),
                arguments("{\"type\":\"chat\",\"text\":\"Hi\",\"model\":3}", "ChatRequest[\"model\"]"),
                arguments("{\"type\":\"retry\",\"model\":3}", "RetryRequest[\"model\"]"),
                arguments("{\"type\":\"ping\",\"id\":12345}", "PingRequest[\"id\"]"),
                arguments("{\"type\":\"resume\",\"sessionId\":42,\"secret\":\"k\"}", "ResumeRequest[\"sessionId\"]"),
                arguments("{\"type\":\"resume\",\"sessionId\":\"A\",\"secret\":42}", "ResumeRequest[\"secret\"]"),
                arguments("{\"type\":\"resume\",\"sessionId\":\"A\",\"secret\":\"k\",\"replyId\":7}",
                        "ResumeRequest[\"replyId\"]"));
    }

    @ParameterizedTest
    @MethodSource("integersInStringFields")
    void doesNotCoerceIntegersToStrings(String json, String field) {
        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Cannot coerce Integer value")
                .hasMessageContaining(field);
    }

    @Test
    void rejectsAnUnknownFieldAndListsTheKnownOnes() {
        String json = "{\"type\":\"chat\",\"text\":\"Hi\",\"temperature\":0.2}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Unrecognized field \"temperature\"")
                .hasMessageContaining("\"options\"");
    }

    @Test
    void rejectsAFieldThatBelongsToAnotherMessageType() {
        String json = "{\"type\":\"cancel\",\"id\":\"x1\",\"text\":\"stop\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Unrecognized field \"text\"")
                .hasMessageContaining("CancelRequest");
    }

    @Test
    void acceptsAnIdOfExactly128Characters() throws Exception {
        String id = "i".repeat(128);

        ClientMessage message = ProtocolJson.readClient("{\"type\":\"ping\",\"id\":\"" + id + "\"}");

        assertThat(message.id()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 129, 1000})
    void rejectsAnIdOutside1To128Characters(int length) {
        String json = "{\"type\":\"chat\",\"id\":\"" + "i".repeat(length) + "\",\"text\":\"Hi\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("id must be 1..128 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\n", "\\t", "\\u001b", "\\u007f", "\\u0085"})
    void rejectsAnIdWithControlCharacters(String escapedControl) {
        String json = "{\"type\":\"reset\",\"id\":\"z" + escapedControl + "1\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("id must not contain control characters");
    }

    @Test
    void acceptsAnIdWithSpacesAndNonAsciiLetters() throws Exception {
        String json = "{\"type\":\"ping\",\"id\":\"Größe 1 – ✓\"}";

        ClientMessage message = ProtocolJson.readClient(json);

        assertThat(message).isEqualTo(new PingRequest("Größe 1 – ✓"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama3.1 8b", " llama3.1:8b", "llama3.1:8b\\n", "llama3.1:\\t8b"})
    void rejectsAModelWithSpacesOrControlCharacters(String model) {
        String json = "{\"type\":\"chat\",\"text\":\"Hi\",\"model\":\"" + model + "\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("model must not contain spaces or control characters");
    }

    @Test
    void rejectsARetryWithAModelWithSpaces() {
        String json = "{\"type\":\"retry\",\"model\":\"qwen 2.5\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("model must not contain spaces or control characters");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 201})
    void rejectsAModelOutside1To200Characters(int length) {
        String json = "{\"type\":\"chat\",\"text\":\"Hi\",\"model\":\"" + "m".repeat(length) + "\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("model must be 1..200 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "true", "\"\"", "\"temperature=0.7\"", "[]", "[{\"temperature\":0.7}]"})
    void rejectsOptionsThatAreNotAnObject(String options) {
        String json = "{\"type\":\"chat\",\"text\":\"Hi\",\"options\":" + options + "}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("ChatRequest[\"options\"]");
    }

    @Test
    void passesOptionValuesThroughWithTheirJsonTypes() throws Exception {
        String json = "{\"type\":\"chat\",\"text\":\"Hi\",\"options\":"
                + "{\"temperature\":0.2,\"num_predict\":128,\"stop\":[\"\\n\\n\"],\"mirostat\":false}}";

        ChatRequest chat = (ChatRequest) ProtocolJson.readClient(json);

        assertThat(chat.options()).isEqualTo(Map.of(
                "temperature", 0.2, "num_predict", 128, "stop", java.util.List.of("\n\n"), "mirostat", false));
    }

    @Test
    void acceptsExactly64Options() throws Exception {
        String json = chatWithOptions(64);

        ChatRequest chat = (ChatRequest) ProtocolJson.readClient(json);

        assertThat(chat.options()).hasSize(64);
    }

    @Test
    void rejectsMoreThan64Options() {
        String json = chatWithOptions(65);

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("options may have at most 64 entries");
    }

    @Test
    void acceptsOptionsNestedUpToTheLimit() throws Exception {
        String json = chatNestedTo(ProtocolJson.MAX_CLIENT_NESTING, "{\"a\":", "}");

        ClientMessage message = ProtocolJson.readClient(json);

        assertThat(message).isInstanceOf(ChatRequest.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 1000})
    void rejectsObjectsNestedDeeperThanTheLimit(int levelsTooDeep) {
        String json = chatNestedTo(ProtocolJson.MAX_CLIENT_NESTING + levelsTooDeep, "{\"a\":", "}");

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("nesting depth")
                .hasMessageContaining("maximum allowed (" + ProtocolJson.MAX_CLIENT_NESTING);
    }

    @Test
    void rejectsArraysNestedDeeperThanTheLimit() {
        String json = chatNestedTo(ProtocolJson.MAX_CLIENT_NESTING + 1, "[", "]");

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class).hasMessageContaining("nesting depth");
    }

    @Test
    void rejectsDeepNestingEvenInAnUnknownField() {
        int depth = ProtocolJson.MAX_CLIENT_NESTING;
        String json = "{\"type\":\"ping\",\"junk\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class).hasMessageContaining("nesting depth");
    }

    @Test
    void rejectsNonNumericNumbers() {
        String json = "{\"type\":\"chat\",\"text\":\"Hi\",\"options\":{\"temperature\":NaN}}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class).hasMessageContaining("'NaN'");
    }

    static Stream<Arguments> framesWithTrailingTokens() {
        return Stream.of(
                arguments("{\"type\":\"ping\"} {\"type\":\"ping\"}", "Trailing token"),
                arguments("{\"type\":\"ping\"}{}", "Trailing token"),
                arguments("{\"type\":\"ping\"} \"p1\"", "Trailing token"),
                arguments("{\"type\":\"ping\"} 1", "Trailing token"),
                arguments("{\"type\":\"ping\"} x", "Unrecognized token 'x'"),
                arguments("{\"type\":\"ping\"}}", "close marker"));
    }

    @ParameterizedTest
    @MethodSource("framesWithTrailingTokens")
    void rejectsTrailingTokensAfterTheObject(String json, String explanation) {
        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class).hasMessageContaining(explanation);
    }

    @Test
    void rejectsATopLevelArray() {
        String json = "[{\"type\":\"chat\",\"text\":\"Hi\"}]";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class).hasMessageContaining("type id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n"})
    void rejectsAnEmptyFrame(String json) {
        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("No content to map due to end-of-input");
    }

    // resume: the session id and secret come from an earlier hello; replyId and lastSeq say where the client was

    @Test
    void readsAResumeWithEveryField() throws Exception {
        String json = "{\"type\":\"resume\",\"id\":\"s1\",\"sessionId\":\"Vq3x9kP0nR2mT7wYbC5dFgLh4Ua\","
                + "\"secret\":\"t8Zq2LmW-vXc0RbN7yKf3Hd_p1A\",\"replyId\":\"c7\",\"lastSeq\":12}";

        ClientMessage message = ProtocolJson.readClient(json);

        assertThat(message).isEqualTo(new ResumeRequest("s1", "Vq3x9kP0nR2mT7wYbC5dFgLh4Ua",
                "t8Zq2LmW-vXc0RbN7yKf3Hd_p1A", "c7", 12L));
    }

    @Test
    void readsAResumeWithOnlySessionIdAndSecret() throws Exception {
        String json = "{\"type\":\"resume\",\"sessionId\":\"A1\",\"secret\":\"k1\",\"replyId\":null,\"lastSeq\":null}";

        ClientMessage message = ProtocolJson.readClient(json);

        assertThat(message).isEqualTo(new ResumeRequest(null, "A1", "k1", null, null));
    }

    static Stream<Arguments> resumesWithoutSessionIdOrSecret() {
        return Stream.of(
                arguments("{\"type\":\"resume\",\"secret\":\"k1\"}", "sessionId"),
                arguments("{\"type\":\"resume\",\"sessionId\":null,\"secret\":\"k1\"}", "sessionId"),
                arguments("{\"type\":\"resume\",\"sessionId\":\"A1\"}", "secret"),
                arguments("{\"type\":\"resume\",\"sessionId\":\"A1\",\"secret\":null}", "secret"),
                arguments("{\"type\":\"resume\",\"id\":\"s1\"}", "sessionId"));
    }

    @ParameterizedTest
    @MethodSource("resumesWithoutSessionIdOrSecret")
    void rejectsAResumeWithoutSessionIdOrSecret(String json, String missingField) {
        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("ResumeRequest")
                .hasMessageContaining(missingField);
    }

    @Test
    void acceptsASessionIdAndSecretOfExactly128Characters() throws Exception {
        String sessionId = "s".repeat(128);
        String secret = "k".repeat(128);

        ResumeRequest resume = (ResumeRequest) ProtocolJson.readClient(
                "{\"type\":\"resume\",\"sessionId\":\"" + sessionId + "\",\"secret\":\"" + secret + "\"}");

        assertThat(resume.sessionId()).isEqualTo(sessionId);
        assertThat(resume.secret()).isEqualTo(secret);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 129, 1000})
    void rejectsASessionIdOutside1To128Characters(int length) {
        String json = "{\"type\":\"resume\",\"sessionId\":\"" + "s".repeat(length) + "\",\"secret\":\"k1\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("sessionId and secret must be 1..128 characters");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 129, 1000})
    void rejectsASecretOutside1To128Characters(int length) {
        String json = "{\"type\":\"resume\",\"sessionId\":\"A1\",\"secret\":\"" + "k".repeat(length) + "\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("sessionId and secret must be 1..128 characters");
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 0, 1, Long.MAX_VALUE})
    void acceptsALastSeqOfMinusOneOrMore(long lastSeq) throws Exception {
        String json = "{\"type\":\"resume\",\"sessionId\":\"A1\",\"secret\":\"k1\",\"replyId\":\"c1\",\"lastSeq\":"
                + lastSeq + "}";

        ResumeRequest resume = (ResumeRequest) ProtocolJson.readClient(json);

        assertThat(resume.lastSeq()).isEqualTo(lastSeq);
    }

    @ParameterizedTest
    @ValueSource(longs = {-2, -1000, Long.MIN_VALUE})
    void rejectsALastSeqBelowMinusOne(long lastSeq) {
        String json = "{\"type\":\"resume\",\"sessionId\":\"A1\",\"secret\":\"k1\",\"lastSeq\":" + lastSeq + "}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("lastSeq must be -1 or more");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"4\"", "true", "[4]", "{\"seq\":4}", "9223372036854775808"})
    void rejectsALastSeqThatIsNotAnInteger(String lastSeq) {
        String json = "{\"type\":\"resume\",\"sessionId\":\"A1\",\"secret\":\"k1\",\"lastSeq\":" + lastSeq + "}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class).hasMessageContaining("lastSeq");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 129})
    void rejectsAReplyIdOutside1To128Characters(int length) {
        String json = "{\"type\":\"resume\",\"sessionId\":\"A1\",\"secret\":\"k1\",\"replyId\":\""
                + "c".repeat(length) + "\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("id must be 1..128 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\n", "\\u001b", "\\u0085"})
    void rejectsAReplyIdWithControlCharacters(String escapedControl) {
        String json = "{\"type\":\"resume\",\"sessionId\":\"A1\",\"secret\":\"k1\",\"replyId\":\"c"
                + escapedControl + "1\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("id must not contain control characters");
    }

    @Test
    void rejectsTheHelloFieldNameResumeSecretInAResume() {
        String json = "{\"type\":\"resume\",\"sessionId\":\"A1\",\"secret\":\"k1\",\"resumeSecret\":\"k1\"}";

        Throwable thrown = readClientFailure(json);

        assertThat(thrown).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Unrecognized field \"resumeSecret\"")
                .hasMessageContaining("\"secret\"");
    }

    @Test
    void resumeRequestConstructorAppliesTheSameRules() {
        assertThat(catchThrowable(() -> new ResumeRequest(null, null, "k1", null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sessionId and secret are required");
        assertThat(catchThrowable(() -> new ResumeRequest(null, "A1", "", null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sessionId and secret must be 1..128 characters without control characters");
        assertThat(catchThrowable(() -> new ResumeRequest(null, "A\u0001", "k1", null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> new ResumeRequest(null, "A1", "k1", "", 0L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("id must be 1..128 characters");
        assertThat(catchThrowable(() -> new ResumeRequest(null, "A1", "k1", "c1", -2L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lastSeq must be -1 or more");
    }

    private static Throwable readClientFailure(String json) {
        return catchThrowable(() -> ProtocolJson.readClient(json));
    }

    private static String chatWithOptions(int count) {
        String options = IntStream.range(0, count)
                .mapToObj(i -> "\"option" + i + "\":" + i)
                .collect(Collectors.joining(",", "{", "}"));
        return "{\"type\":\"chat\",\"text\":\"Hi\",\"options\":" + options + "}";
    }

    /** A chat whose JSON nests {@code depth} levels deep in total; the frame's own object is level 1. */
    private static String chatNestedTo(int depth, String open, String close) {
        int inside = depth - 2; // the frame object and the options object
        return "{\"type\":\"chat\",\"text\":\"Hi\",\"options\":{\"a\":"
                + open.repeat(inside) + "1" + close.repeat(inside) + "}}";
    }
}
