package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.BranchShown;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ConversationExport;
import io.lanchat.protocol.ConversationSettings;
import io.lanchat.protocol.ConversationUpdated;
import io.lanchat.protocol.ExportConversationRequest;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.RegenerateRequest;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.Resumed;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.SwitchVersionRequest;
import io.lanchat.protocol.ThinkMode;
import io.lanchat.protocol.ThinkingDelta;
import io.lanchat.protocol.TokenDelta;
import io.lanchat.protocol.UpdateSettingsRequest;
import io.lanchat.protocol.VersionInfo;
import io.lanchat.standin.ChatCall;
import io.lanchat.standin.Message;
import io.lanchat.standin.Thinking;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thinking models end to end, against the stand-in's thinking models: the reasoning streams first in its own frames
 * under phase {@code thinking}, the answer apart from it; the user's choice reaches Ollama as each model takes it (and
 * never reaches a model without the capability); the reasoning is kept for the user and never sent back.
 */
@Timeout(60)
final class ThinkingTest {
    private static final String QWEN3 = "qwen3:0.6b";
    private static final String GPT_OSS = "gpt-oss:20b";
    private static final String DEEPSEEK = "deepseek-r1:1.5b";

    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start();
        fixture.ollama.setThinking(QWEN3, Thinking.TOGGLE);
        fixture.ollama.setThinking(GPT_OSS, Thinking.LEVELS);
        fixture.ollama.setThinking(DEEPSEEK, Thinking.INLINE);
        ServerFixture.await(() -> thinks(QWEN3) && thinks(GPT_OSS) && fixture.server.backends().state()
                .hasModel(DEEPSEEK), "the thinking models seen with their capabilities");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theReasoningStreamsBeforeTheAnswerInItsOwnFramesUnderPhaseThinking() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "why?", QWEN3, null));

            List<ServerMessage> reply = client.until(ReplyDone.class);

            assertThat(reply.get(0)).isInstanceOf(ReplyStarted.class);
            List<ThinkingDelta> thoughts = of(reply, ThinkingDelta.class);
            List<TokenDelta> tokens = of(reply, TokenDelta.class);
            assertThat(join(thoughts.stream().map(ThinkingDelta::text).toList())).isEqualTo("Thinking about: why?");
            assertThat(join(tokens.stream().map(TokenDelta::text).toList())).isEqualTo("You said: why? (turn 1)");
            assertThat(reply.indexOf(thoughts.get(thoughts.size() - 1))).isLessThan(reply.indexOf(tokens.get(0)));
            List<Long> seqs = reply.stream().filter(f -> f instanceof ThinkingDelta || f instanceof TokenDelta)
                    .map(f -> f instanceof ThinkingDelta t ? t.seq() : ((TokenDelta) f).seq()).toList();
            assertThat(seqs).as("one numbering for both").containsExactlyElementsOf(
                    IntStream.range(0, seqs.size()).mapToObj(i -> (long) i).toList());
            ReplyDone done = (ReplyDone) reply.get(reply.size() - 1);
            assertThat(done.timing().thinkingMs()).isNotNull().isNotNegative();

            List<ServerMessage> arrivals = client.arrivals();
            int thinkingPhase = arrivals.indexOf(ReplyPhase.of("c1", ReplyPhase.Phase.THINKING));
            int generatingPhase = arrivals.indexOf(ReplyPhase.of("c1", ReplyPhase.Phase.GENERATING));
            assertThat(thinkingPhase).isNotNegative().isLessThan(arrivals.indexOf(reply.get(0)));
            assertThat(generatingPhase).isGreaterThan(arrivals.indexOf(thoughts.get(thoughts.size() - 1)))
                    .isLessThan(arrivals.indexOf(tokens.get(0)));
            assertThat(lastCall().think()).as("the model's default: think left out").isNull();
        }
    }

    @Test
    void clientsLearnWhichModelsThinkAndWhichTakeLevelsOnly() throws Exception {
        try (TestClient client = fixture.connect()) {
            ModelInfo gpt = model(client, GPT_OSS);
            ModelInfo qwen = model(client, QWEN3);

            assertThat(gpt.has("thinking")).isTrue();
            assertThat(gpt.thinkLevels()).containsExactly("low", "medium", "high");
            assertThat(qwen.has("thinking")).isTrue();
            assertThat(qwen.thinkLevels()).isNull();
            assertThat(model(client, DEEPSEEK).has("thinking")).as("writes <think> but has no capability").isFalse();
        }
    }

    @Test
    void thinkingOffIsSentAsFalseAndTheReplyHasNoReasoning() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "quick", QWEN3, null, ThinkMode.OFF));

            List<ServerMessage> reply = client.until(ReplyDone.class);

            assertThat(of(reply, ThinkingDelta.class)).isEmpty();
            assertThat(((ReplyDone) reply.get(reply.size() - 1)).timing().thinkingMs()).isNull();
            assertThat(client.drainPhases()).extracting(ReplyPhase::phase).doesNotContain(ReplyPhase.Phase.THINKING)
                    .endsWith(ReplyPhase.Phase.GENERATING);
            assertThat(lastCall().think()).isEqualTo(false);
        }
    }

    @Test
    void aLevelsOnlyModelAlwaysGetsALevelFromTheChatOrTheConversationSetting() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "a", GPT_OSS, null, ThinkMode.HIGH));
            client.until(ReplyDone.class);
            assertThat(lastCall().think()).isEqualTo("high");

            client.send(new ChatRequest("c2", "b", GPT_OSS, null, ThinkMode.OFF));
            List<ServerMessage> off = client.until(ReplyDone.class);
            assertThat(lastCall().think()).isEqualTo("low");
            assertThat(join(of(off, ThinkingDelta.class).stream().map(ThinkingDelta::text).toList()))
                    .as("gpt-oss cannot stop thinking").endsWith("(low effort)");

            client.send(new UpdateSettingsRequest("s1", client.hello.sessionId(),
                    new ConversationSettings(GPT_OSS, null, null, ThinkMode.ON)));
            client.awaitFrame(ConversationUpdated.class);
            client.send(new ChatRequest("c3", "c"));
            client.until(ReplyDone.class);
            assertThat(lastCall().model()).isEqualTo(GPT_OSS);
            assertThat(lastCall().think()).isEqualTo("medium");
        }
    }

    @Test
    void reasoningAModelWritesInlineIsSplitOutAndItIsNeverSentThink() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "hi", DEEPSEEK, null, ThinkMode.ON));

            List<ServerMessage> reply = client.until(ReplyDone.class);

            assertThat(join(of(reply, ThinkingDelta.class).stream().map(ThinkingDelta::text).toList()))
                    .isEqualTo("Thinking about: hi");
            assertThat(join(of(reply, TokenDelta.class).stream().map(TokenDelta::text).toList()))
                    .isEqualTo("You said: hi (turn 1)");
            assertThat(client.drainPhases()).extracting(ReplyPhase::phase)
                    .containsSubsequence(ReplyPhase.Phase.THINKING, ReplyPhase.Phase.GENERATING);
            assertThat(lastCall().think()).isNull();
            assertThat(lastCall().rawBody()).doesNotContain("\"think\"");
        }
    }

    @Test
    void aModelWithoutTheThinkingCapabilityIsNeverSentThinkWhateverTheUserChose() throws Exception {
        try (TestClient client = fixture.connect()) {
            for (ThinkMode mode : ThinkMode.values()) {
                client.send(new ChatRequest(mode.wireName(), "hi", "llama3:8b", null, mode));
                assertThat(client.until(ReplyDone.class)).noneMatch(ThinkingDelta.class::isInstance);
                assertThat(lastCall().rawBody()).as(mode.wireName()).doesNotContain("\"think\"");
            }
        }
    }

    @Test
    void theReasoningIsKeptForTheUserInResumeAndExportButNeverSentBackToOllama() throws Exception {
        TestClient first = fixture.connect();
        first.send(new ChatRequest("c1", "first", QWEN3, null));
        first.until(ReplyDone.class);
        first.send(new ChatRequest("c2", "second", QWEN3, null));
        first.until(ReplyDone.class);

        ChatCall second = lastCall();
        assertThat(second.messages()).extracting(Message::role).containsExactly("user", "assistant", "user");
        assertThat(second.messages()).extracting(Message::thinking).containsOnly("");
        assertThat(second.messages().get(1).content()).isEqualTo("You said: first (turn 1)");
        assertThat(second.rawBody()).doesNotContain("Thinking about").doesNotContain("\"thinking\"");
        first.close();

        try (TestClient again = fixture.connectAsOwner(first.hello.ownerKey())) {
            again.send(new ResumeRequest("r1", first.hello.sessionId(), first.hello.resumeSecret(), null, null));
            Resumed resumed = again.awaitFrame(Resumed.class);
            assertThat(resumed.history()).extracting(HistoryMessage::thinking)
                    .containsExactly(null, "Thinking about: first", null, "Thinking about: second");
            assertThat(resumed.history().get(1).content()).isEqualTo("You said: first (turn 1)");

            again.send(new ExportConversationRequest("e1", first.hello.sessionId(), "json"));
            ConversationExport json = again.awaitFrame(ConversationExport.class);
            again.send(new ExportConversationRequest("e2", first.hello.sessionId(), "markdown"));
            ConversationExport markdown = again.awaitFrame(ConversationExport.class);
            assertThat(json.content()).contains("\"thinking\" : \"Thinking about: second\"");
            assertThat(markdown.content()).contains("<summary>Thinking</summary>\n\nThinking about: first\n\n</details>"
                    + "\n\nYou said: first (turn 1)");
        }
    }

    @Test
    void regenerateStreamsTheReasoningUnderTheConversationsChoiceAndAHiddenReplyKeepsItsReasoning() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "why?", QWEN3, null));
            client.until(ReplyDone.class);
            client.send(new UpdateSettingsRequest("s1", client.hello.sessionId(),
                    new ConversationSettings(QWEN3, null, null, ThinkMode.OFF)));
            client.awaitFrame(ConversationUpdated.class);

            client.send(new RegenerateRequest("g1", null, null));
            List<ServerMessage> quick = client.until(BranchShown.class);
            assertThat(lastCall().think()).as("the conversation's choice").isEqualTo(false);
            assertThat(of(quick, ThinkingDelta.class)).isEmpty();
            List<HistoryMessage> shown = ((BranchShown) quick.get(quick.size() - 1)).history();
            assertThat(shown.get(1).thinking()).isNull();
            assertThat(shown.get(1).versions()).isEqualTo(new VersionInfo(2, 2));

            client.send(new SwitchVersionRequest("v1", null, 1, 1));
            assertThat(client.awaitFrame(BranchShown.class).history().get(1).thinking())
                    .as("the first reply's reasoning came back with it").isEqualTo("Thinking about: why?");

            client.send(new UpdateSettingsRequest("s2", client.hello.sessionId(),
                    new ConversationSettings(QWEN3, null, null, ThinkMode.ON)));
            client.awaitFrame(ConversationUpdated.class);
            client.send(new RegenerateRequest("g2", null, null));
            List<ServerMessage> thought = client.until(BranchShown.class);
            assertThat(lastCall().think()).isEqualTo(true);
            assertThat(join(of(thought, ThinkingDelta.class).stream().map(ThinkingDelta::text).toList()))
                    .isEqualTo("Thinking about: why?");
            assertThat(lastCall().messages()).extracting(Message::role).containsExactly("user");
            HistoryMessage third = ((BranchShown) thought.get(thought.size() - 1)).history().get(1);
            assertThat(third.thinking()).isEqualTo("Thinking about: why?");
            assertThat(third.versions()).isEqualTo(new VersionInfo(3, 3));
        }
    }

    private static ModelInfo model(TestClient client, String name) {
        return client.hello.models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private boolean thinks(String model) {
        return fixture.server.backends().state().models().stream()
                .anyMatch(m -> m.name().equals(model) && m.has("thinking"));
    }

    private ChatCall lastCall() {
        List<ChatCall> calls = fixture.ollama.chatCalls();
        return calls.get(calls.size() - 1);
    }

    private static <T> List<T> of(List<ServerMessage> frames, Class<T> type) {
        return frames.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static String join(List<String> parts) {
        return String.join("", parts);
    }
}
