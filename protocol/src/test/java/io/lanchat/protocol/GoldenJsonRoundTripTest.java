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
    private static final String OWNER_KEY = "TLNZB7rhvoUlEEBKEQSMLJH27v2A8TrrebNJyGZ5JDM";
    private static final String LISBON = "xjOlqX74a48_2qCEpctyqpym5B4";
    private static final String HAIKU = "QRbsra_lJkywKBcE3Fhf4V9T394";

    private static final ConversationSettings RAYLEIGH_SETTINGS = new ConversationSettings("llama3.1:8b",
            "Answer briefly; say when you are unsure.", Map.of("temperature", 0.7));
    private static final ConversationSummary RAYLEIGH = new ConversationSummary(SESSION_ID,
            "What is Rayleigh scattering?", "llama3.1:8b", "2025-03-14T09:02:11Z", "2025-03-14T09:12:40Z", 5, true);
    /** The JSON export of a short conversation, as {@code exported} carries it and {@code import} takes it. */
    static final String HAIKU_EXPORT = "{\"format\":\"lanchat-conversation\",\"version\":1,"
            + "\"title\":\"Haiku about the sea\",\"createdAt\":\"2025-03-14T10:01:05Z\","
            + "\"updatedAt\":\"2025-03-14T10:03:30Z\","
            + "\"settings\":{\"model\":\"llama3.1:8b\",\"system\":null,\"options\":{\"temperature\":0.9}},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Write a haiku about the sea.\","
            + "\"state\":\"complete\",\"model\":null,\"createdAt\":\"2025-03-14T10:01:05Z\"},"
            + "{\"role\":\"assistant\",\"content\":\"Grey waves fold and break\\nsalt wind carries gull voices"
            + "\\nthe tide keeps its time\",\"state\":\"complete\",\"model\":\"llama3.1:8b\","
            + "\"createdAt\":\"2025-03-14T10:01:06Z\",\"stats\":{\"promptTokens\":30,\"replyTokens\":19,"
            + "\"totalDurationNs\":690000000,\"loadDurationNs\":3900000,\"promptEvalDurationNs\":58000000,"
            + "\"evalDurationNs\":300000000}}]}";

    private static final ModelInfo LLAMA =
            new ModelInfo("llama3.1:8b", 4_920_753_328L, "llama", "8.0B", "Q4_K_M", List.of("completion", "tools"),
                    131_072, false);
    private static final ModelInfo QWEN =
            new ModelInfo("qwen2.5:7b", 4_683_087_332L, "qwen2", "7.6B", "Q4_K_M", List.of("completion", "tools"),
                    32_768, false);
    private static final ModelInfo MISTRAL =
            new ModelInfo("mistral:7b", 4_113_301_824L, "llama", "7.2B", "Q4_0", List.of("completion", "tools"),
                    32_768, false);
    /** A cloud model, listed only by a server started with --allow-cloud-models. */
    private static final ModelInfo GPT_OSS_CLOUD = new ModelInfo("gpt-oss:120b-cloud", 384, "gptoss", "116.8B",
            "MXFP4", List.of("completion", "tools", "thinking"), 131_072, true);

    static Stream<Arguments> clientFrames() {
        return Stream.of(
                arguments("client-chat.json", new ChatRequest("c-42", "Explain in two sentences why the sky is blue.",
                        "llama3.1:8b", Map.of("temperature", 0.7, "num_predict", 1024, "stop", List.of("</answer>")),
                        null, List.of("q1xqgq3bS8GmB0Bq1v5Y7w"))),
                arguments("client-cancel.json", new CancelRequest("x-43")),
                arguments("client-retry.json", new RetryRequest("r-44", "qwen2.5:7b")),
                arguments("client-reset.json", new ResetRequest("z-45")),
                arguments("client-models.json", new ListModelsRequest("m-46")),
                arguments("client-ping.json", new PingRequest("p-47")),
                arguments("client-resume.json", new ResumeRequest("s-48", SESSION_ID, RESUME_SECRET, "c-42", 36L)),
                arguments("client-pull.json", new PullRequest("p-1", "qwen2.5:0.5b")),
                arguments("client-conversations.json",
                        new ListConversationsRequest("l-50", "iwrdGbUH_b0NrMISFaQxp6_BMIA", 2)),
                arguments("client-search.json", new SearchConversationsRequest("q-51", "rayleigh blue", null, 20)),
                arguments("client-create.json", new CreateConversationRequest("n-52", "Physics homework",
                        new ConversationSettings("llama3.1:8b", "You are a patient physics tutor. Answer in plain"
                                + " words and check the student's reasoning.", Map.of("temperature", 0.3, "seed", 42)))),
                arguments("client-open.json", new OpenConversationRequest("o-53", SESSION_ID, "c-42", 36L)),
                arguments("client-rename.json",
                        new RenameConversationRequest("n-54", SESSION_ID, "Rayleigh scattering and the blue sky")),
                arguments("client-settings.json", new UpdateSettingsRequest("t-55", SESSION_ID,
                        new ConversationSettings("qwen2.5:7b", "Answer briefly; say when you are unsure.",
                                Map.of("temperature", 0.2, "top_k", 40, "num_predict", 512)))),
                arguments("client-delete.json", new DeleteConversationRequest("d-56", LISBON)),
                arguments("client-export.json", new ExportConversationRequest("e-57", HAIKU, "json")),
                arguments("client-import.json", new ImportConversationRequest("i-58", HAIKU_EXPORT)),
                arguments("client-regenerate.json", new RegenerateRequest("g-60", SESSION_ID, "qwen2.5:7b",
                        ThinkMode.HIGH)),
                arguments("client-edit.json", new EditRequest("e-61", SESSION_ID, 2,
                        "Write a short poem about the ocean.", null, ThinkMode.OFF)),
                arguments("client-switch_version.json", new SwitchVersionRequest("v-62", SESSION_ID, 2, 1)),
                arguments("client-share.json", new ShareRequest("s-7", LISBON, true)),
                arguments("client-list_shares.json", new ListSharesRequest("s-8", LISBON)),
                arguments("client-revoke_share.json", new RevokeShareRequest("s-9", SHARE_ID)),
                arguments("client-open_room.json", new OpenRoomRequest("r-1", LISBON, 1440, "mentioned")),
                arguments("client-typing.json", new TypingRequest(null)));
    }

    static Stream<Arguments> serverFrames() {
        return Stream.of(
                arguments("server-hello.json", new Hello(SESSION_ID, RESUME_SECRET, ProtocolVersion.CURRENT,
                        "lanchat-server/0.1.0",
                        new OllamaStatus(true, "Ollama is running and ready to write replies."),
                        List.of(LLAMA, QWEN), "llama3.1:8b", 16_000, OWNER_KEY, "sqlite", List.of(
                                new OptionLimit("temperature", 0, 2, false), new OptionLimit("top_p", 0, 1, false),
                                new OptionLimit("top_k", 1, 1000, true), new OptionLimit("mirostat_tau", 0, 10, false),
                                new OptionLimit("seed", Integer.MIN_VALUE, Integer.MAX_VALUE, true),
                                new OptionLimit("num_predict", 1, 8192, true)))),
                arguments("server-started.json", new ReplyStarted("c-42", "llama3.1:8b", 7, 4, "context")),
                arguments("server-token.json", new TokenDelta("c-42", 0, "Sunlight")),
                arguments("server-thinking.json", new ThinkingDelta("c-42", 0, "The user asks why the sky is blue")),
                arguments("server-done.json", new ReplyDone("c-42", "llama3.1:8b", "stop",
                        new ReplyStats(26, 298, 5_043_500_667L, 5_025_959L, 325_953_000L, 4_709_213_000L))),
                arguments("server-cancelled.json", new ReplyCancelled("c-42",
                        "Sunlight is scattered by the molecules of the air, and")),
                arguments("server-error.json", new ErrorMessage("c-42", ErrorCode.MODEL_NOT_FOUND,
                        "The model 'mistral:7b' is not installed in Ollama. "
                                + "Run 'ollama pull mistral:7b' or retry with another model.",
                        true)),
                arguments("server-availability.json", new AvailabilityChanged(new OllamaStatus(false,
                        "Ollama, which writes the replies, cannot be reached right now. The server keeps checking"
                                + " and says when it is back; if it lasts, tell whoever runs this server."))),
                arguments("server-models_changed.json", new ModelsChanged(List.of(GPT_OSS_CLOUD, LLAMA, MISTRAL, QWEN))),
                arguments("server-models.json", new ModelList("m-46", List.of(LLAMA, QWEN), "llama3.1:8b")),
                arguments("server-cleared.json", new HistoryCleared("z-45", "LG95qgPYfxkB3re1Tf0DcSdfdGI",
                        "PhILPOXE7mNMjSI_A55tI2xalRc")),
                arguments("server-pong.json", new Pong("p-47")),
                arguments("server-phase.json", ReplyPhase.queued("c-42", 3, 14000L)),
                arguments("server-pull_progress.json", new PullProgress("p-1", "qwen2.5:0.5b",
                        "http://127.0.0.1:11434", "pulling c5396e06af29", 104857600L, 397807936L)),
                arguments("server-resumed.json", new Resumed("s-48", SESSION_ID, List.of(
                        new HistoryMessage("user", "What is Rayleigh scattering?", false),
                        new HistoryMessage("assistant", "Rayleigh scattering is the scattering of light by particles"
                                + " much smaller than its wavelength, such as the molecules of the air. It grows with"
                                + " the fourth power of the frequency, so blue light is scattered far more than red.",
                                false, "llama3.1:8b", false),
                        new HistoryMessage("user", "Write a long poem about the ocean.", false),
                        new HistoryMessage("assistant", "Beneath a sky of pewter grey,\nthe restless waters", true,
                                "llama3.1:8b", false)),
                        "Explain in two sentences why the sky is blue.",
                        new ReplyInProgress("c-42", "llama3.1:8b", 37))),
                arguments("server-conversations.json", new ConversationList("l-50", null, List.of(RAYLEIGH,
                        new ConversationSummary(LISBON, "Packing list for a week in Lisbon", "qwen2.5:7b",
                                "2025-03-12T17:40:03Z", "2025-03-13T08:15:27Z", 6, false)),
                        "MjAyNS0wMy0xMlQxNzo0MDowM1p8eGpPbHFYNzRhNDhfMnFDRXBjdHlxcHltNUI0")),
                arguments("server-opened.json", new ConversationOpened("o-53", RAYLEIGH, RAYLEIGH_SETTINGS,
                        RESUME_SECRET, List.of(
                        new HistoryMessage("user", "What is Rayleigh scattering?", false),
                        new HistoryMessage("assistant", "Rayleigh scattering is the scattering of light by particles"
                                + " much smaller than its wavelength, such as the molecules of the air.",
                                false, "llama3.1:8b", false),
                        new HistoryMessage("user", "Write a long poem about the ocean.", false),
                        new HistoryMessage("assistant", "Beneath a sky of pewter grey,\nthe restless waters", false,
                                "llama3.1:8b", true)),
                        "Explain in two sentences why the sky is blue.",
                        new ReplyInProgress("c-42", "llama3.1:8b", 37))),
                arguments("server-conversation.json", new ConversationUpdated("n-54",
                        new ConversationSummary(SESSION_ID, "Rayleigh scattering and the blue sky", "llama3.1:8b",
                                "2025-03-14T09:02:11Z", "2025-03-14T09:20:02Z", 6, false),
                        RAYLEIGH_SETTINGS)),
                arguments("server-deleted.json", new ConversationDeleted("d-56", LISBON)),
                arguments("server-exported.json", new ConversationExport("e-57", HAIKU, "json",
                        "Haiku about the sea.json", HAIKU_EXPORT)),
                arguments("server-branch.json", new BranchShown("v-62", SESSION_ID, List.of(
                        new HistoryMessage("user", "What is Rayleigh scattering?", false, null, false, 0, null),
                        new HistoryMessage("assistant", "The scattering of light by particles much smaller than its"
                                + " wavelength, such as the molecules of the air.", false, "llama3.1:8b", false,
                                "Small particles scatter short wavelengths most.", 1, new VersionInfo(2, 2), 4200L),
                        new HistoryMessage("user", "Write a long poem about the ocean.", false, null, false, 2,
                                new VersionInfo(1, 2)),
                        new HistoryMessage("assistant", "Beneath a sky of pewter grey,\nthe restless waters", true,
                                "llama3.1:8b", false, 3, null)),
                        null)),
                arguments("server-shared.json", new ShareCreated("s-7", SHARE, SHARE_TOKEN, "/s/" + SHARE_TOKEN)),
                arguments("server-shares.json", new ShareList("s-8", LISBON, List.of(SHARE, INVITE))),
                arguments("server-share_view.json", new SharedView("What is Rayleigh scattering?", true, List.of(
                        new HistoryMessage("user", "What is Rayleigh scattering?", false, null, false, 0, null),
                        new HistoryMessage("assistant", "The scattering of light by particles much smaller than its"
                                + " wavelength.", false, "llama3.1:8b", false, 1, null)))),
                arguments("server-share_message.json", new SharedMessage("c-43",
                        new HistoryMessage("user", "Why is the sky blue then?", false))),
                arguments("server-room_opened.json", new RoomOpened("r-1", INVITE, SHARE_TOKEN,
                        "2025-03-15T09:20:05.123Z")),
                arguments("server-room_state.json", new RoomState("What is Rayleigh scattering?", "Bea",
                        List.of("Ana", "Bea"), List.of(
                        new HistoryMessage("user", "What is Rayleigh scattering?", false, null, false, 0, null),
                        new HistoryMessage("user", "And at sunset?", false, null, false, null, 1, null, null, null,
                                "Ana")), "b2Vm3kQ9xLr7TzYp1sNd4hWc8uAe0jGi6oXqF5yZwEt", "mentioned", true)),
                arguments("server-room_typing.json", RoomTyping.member("Ana")),
                arguments("server-room_owner.json", new RoomOwnerPresence(false)),
                arguments("server-room_members.json", new RoomMembersNow("xjOlqX74a48_2qCEpctyqpym5B4",
                        List.of("Ana", "Bea"))),
                arguments("server-room_presence.json", RoomPresence.change("Carl", true, 3)));
    }

    private static final String SHARE_ID = "3f9a0c61d2b84e7a";
    private static final String SHARE_TOKEN = "Qm7vZ2xR9kLp4tYw1cNf8sHd0aUe3jGb6iXoT5qWzEr";
    private static final ShareInfo SHARE = new ShareInfo(SHARE_ID, "xjOlqX74a48_2qCEpctyqpym5B4", true,
            "2025-03-14T09:20:05.123Z");
    private static final ShareInfo INVITE = new ShareInfo("9b1e44d07a3c2f58", "xjOlqX74a48_2qCEpctyqpym5B4", true,
            "2025-03-14T09:20:05.123Z", "room", "2025-03-15T09:20:05.123Z", "mentioned");

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
