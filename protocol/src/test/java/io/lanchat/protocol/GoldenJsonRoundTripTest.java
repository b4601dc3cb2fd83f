package io.lanchat.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message type has a golden JSON file; parsing it gives the expected record and writing that record
 * gives the same JSON back. A change that alters the wire format breaks one of these tests.
 */
final class GoldenJsonRoundTripTest {

    private static final ObjectMapper TREES = new ObjectMapper();

    private static final String SESSION_ID = "Vq3x9kP0nR2mT7wYbC5dFgLh4Ua";
    private static final String RESUME_SECRET = "t8Zq2LmW-vXc0RbN7yKf3Hd_p1A";

    private static final ModelInfo LLAMA =
            new ModelInfo("llama3.1:8b", 4_920_753_328L, "llama", "8.0B", "Q4_K_M");
    private static final ModelInfo QWEN =
            new ModelInfo("qwen2.5:7b", 4_683_087_332L, "qwen2", "7.6B", "Q4_K_M");
    private static final ModelInfo MISTRAL =
            new ModelInfo("mistral:7b", 4_113_301_824L, "llama", "7.2B", "Q4_0");

    static Stream<Arguments> clientFrames() {
        return Stream.of(
                arguments("client-chat.json", new ChatRequest("c-42", "Explain in two sentences why the sky is blue.",
                        "llama3.1:8b", Map.of("temperature", 0.7, "num_predict", 1024, "stop", List.of("</answer>")))),
                arguments("client-cancel.json", new CancelRequest("x-43")),
                arguments("client-retry.json", new RetryRequest("r-44", "qwen2.5:7b")),
                arguments("client-reset.json", new ResetRequest("z-45")),
                arguments("client-models.json", new ListModelsRequest("m-46")),
                arguments("client-ping.json", new PingRequest("p-47")),
                arguments("client-resume.json", new ResumeRequest("s-48", SESSION_ID, RESUME_SECRET, "c-42", 36L)),
                arguments("client-pull.json", new PullRequest("p-1", "qwen2.5:0.5b")));
    }

    static Stream<Arguments> serverFrames() {
        return Stream.of(
                arguments("server-hello.json", new Hello(SESSION_ID, RESUME_SECRET, ProtocolVersion.CURRENT,
                        "lanchat-server/0.1.0",
                        new OllamaStatus(true, "Ollama 0.5.7 is running at http://127.0.0.1:11434."),
                        List.of(LLAMA, QWEN), "llama3.1:8b", 16_000)),
                arguments("server-started.json", new ReplyStarted("c-42", "llama3.1:8b", 7, 4)),
                arguments("server-token.json", new TokenDelta("c-42", 0, "Sunlight")),
                arguments("server-done.json", new ReplyDone("c-42", "llama3.1:8b", "stop",
                        new ReplyStats(26, 298, 5_043_500_667L, 5_025_959L, 325_953_000L, 4_709_213_000L))),
                arguments("server-cancelled.json", new ReplyCancelled("c-42",
                        "Sunlight is scattered by the molecules of the air, and")),
                arguments("server-error.json", new ErrorMessage("c-42", ErrorCode.MODEL_NOT_FOUND,
                        "The model 'mistral:7b' is not installed in Ollama. "
                                + "Run 'ollama pull mistral:7b' or retry with another model.",
                        true)),
                arguments("server-availability.json", new AvailabilityChanged(new OllamaStatus(false,
                        "Cannot reach Ollama at http://127.0.0.1:11434 (connection refused). "
                                + "Start it with 'ollama serve'."))),
                arguments("server-models_changed.json", new ModelsChanged(List.of(LLAMA, MISTRAL, QWEN))),
                arguments("server-models.json", new ModelList("m-46", List.of(LLAMA, QWEN), "llama3.1:8b")),
                arguments("server-cleared.json", new HistoryCleared("z-45")),
                arguments("server-pong.json", new Pong("p-47")),
                arguments("server-phase.json", ReplyPhase.queued("c-42", 3, 14000L)),
                arguments("server-pull_progress.json", new PullProgress("p-1", "qwen2.5:0.5b",
                        "http://127.0.0.1:11434", "pulling c5396e06af29", 104857600L, 397807936L)),
                arguments("server-resumed.json", new Resumed("s-48", SESSION_ID, List.of(
                        new HistoryMessage("user", "What is Rayleigh scattering?", false),
                        new HistoryMessage("assistant", "Rayleigh scattering is the scattering of light by particles"
                                + " much smaller than its wavelength, such as the molecules of the air. It grows with"
                                + " the fourth power of the frequency, so blue light is scattered far more than red.",
                                false),
                        new HistoryMessage("user", "Write a long poem about the ocean.", false),
                        new HistoryMessage("assistant", "Beneath a sky of pewter grey,\nthe restless waters", true)),
                        "Explain in two sentences why the sky is blue.",
                        new ReplyInProgress("c-42", "llama3.1:8b", 37))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientFrames")
    void clientFrameRoundTripsThroughItsGoldenFile(String fileName, ClientMessage expected) throws Exception {
        String golden = GoldenFiles.read(fileName);

        ClientMessage parsed = ProtocolJson.readClient(golden);
        String written = ProtocolJson.writeClient(parsed);

        assertThat(parsed).isEqualTo(expected);
        assertThat(tree(written)).isEqualTo(tree(golden));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverFrames")
    void serverFrameRoundTripsThroughItsGoldenFile(String fileName, ServerMessage expected) throws Exception {
        String golden = GoldenFiles.read(fileName);

        ServerMessage parsed = ProtocolJson.readServer(golden);
        String written = ProtocolJson.writeServerText(parsed);

        assertThat(parsed).isEqualTo(expected);
        assertThat(tree(written)).isEqualTo(tree(golden));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverFrames")
    void everyServerWriterProducesTheSameJson(String fileName, ServerMessage message) throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();

        byte[] bytes = ProtocolJson.writeServer(message);
        ProtocolJson.writeServer(stream, message);
        String text = ProtocolJson.writeServerText(message);

        assertThat(bytes).isEqualTo(stream.toByteArray());
        assertThat(tree(new String(bytes, UTF_8))).isEqualTo(tree(text));
    }

    @Test
    void everyMessageTypeHasAGoldenFileAndARoundTripCase() {
        List<Class<?>> messageTypes = new ArrayList<>();
        messageTypes.addAll(Arrays.asList(ClientMessage.class.getPermittedSubclasses()));
        messageTypes.addAll(Arrays.asList(ServerMessage.class.getPermittedSubclasses()));

        List<String> expectedFiles = messageTypes.stream().map(GoldenFiles::fileNameFor).toList();
        List<Object[]> cases = Stream.concat(clientFrames(), serverFrames()).map(Arguments::get).toList();

        assertThat(GoldenFiles.fileNames()).containsExactlyInAnyOrderElementsOf(expectedFiles);
        assertThat(cases).extracting(testCase -> testCase[0]).containsExactlyInAnyOrderElementsOf(expectedFiles);
        assertThat(cases).allSatisfy(testCase ->
                assertThat(testCase[0]).isEqualTo(GoldenFiles.fileNameFor(testCase[1].getClass())));
    }

    private static JsonNode tree(String json) throws Exception {
        return TREES.readTree(json);
    }
}
