package io.lanchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The thinking additions to existing frames: the {@code think} choice, the phase, the duration, the history. */
final class ThinkingFramesTest {

    @Test
    void aChatMayAskForThinkingOffOnOrALevel() throws Exception {
        ClientMessage off = ProtocolJson.readClient("{\"type\":\"chat\",\"text\":\"Hi\",\"think\":\"off\"}");
        ClientMessage max = ProtocolJson.readClient("{\"type\":\"chat\",\"text\":\"Hi\",\"think\":\"max\"}");

        assertThat(off).isEqualTo(new ChatRequest(null, "Hi", null, null, ThinkMode.OFF));
        assertThat(((ChatRequest) max).think()).isEqualTo(ThinkMode.MAX);
        assertThat(ProtocolJson.writeClient(off)).isEqualTo("{\"type\":\"chat\",\"text\":\"Hi\",\"think\":\"off\"}");
    }

    @Test
    void rejectsAThinkValueThatIsNotAMode() {
        assertThatThrownBy(() -> ProtocolJson.readClient("{\"type\":\"chat\",\"text\":\"Hi\",\"think\":\"lots\"}"))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("lots");
        assertThatThrownBy(() -> ProtocolJson.readClient("{\"type\":\"chat\",\"text\":\"Hi\",\"think\":true}"))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void conversationSettingsCarryTheThinkingChoice() throws Exception {
        String json = "{\"type\":\"settings\",\"conversationId\":\"Vq3x9kP0nR2mT7wYbC5dFgLh4Ua\","
                + "\"settings\":{\"think\":\"low\"}}";

        UpdateSettingsRequest request = (UpdateSettingsRequest) ProtocolJson.readClient(json);

        assertThat(request.settings()).isEqualTo(new ConversationSettings(null, null, null, ThinkMode.LOW));
    }

    @Test
    void aThinkingPhaseAndAThinkingDurationReadBack() throws Exception {
        ServerMessage phase = ProtocolJson.readServer("{\"type\":\"phase\",\"id\":\"c-1\",\"phase\":\"thinking\"}");
        ReplyDone done = new ReplyDone("c-1", "qwen3:8b", "stop", new ReplyStats(1, 2, 3L, 4L, 5L, 6L),
                new ReplyTiming(0, 120, 9000, 6400L));

        assertThat(phase).isEqualTo(ReplyPhase.of("c-1", ReplyPhase.Phase.THINKING));
        assertThat(ProtocolJson.writeServerText(done)).contains("\"thinkingMs\":6400");
        assertThat(ProtocolJson.readServer(ProtocolJson.writeServerText(done))).isEqualTo(done);
        assertThat(ProtocolJson.writeServerText(new ReplyDone("c-1", "m", "stop", done.stats(),
                new ReplyTiming(0, 1, 2)))).doesNotContain("thinkingMs");
    }

    @Test
    void historyKeepsTheReasoningBesideTheAnswerAndLeavesItOutWhenThereIsNone() throws Exception {
        Resumed resumed = new Resumed("s", "Vq3x9kP0nR2mT7wYbC5dFgLh4Ua", List.of(
                new HistoryMessage("user", "q", false),
                new HistoryMessage("assistant", "a", false, "qwen3:8b", false, "hmm")), null, null);

        String json = ProtocolJson.writeServerText(resumed);

        assertThat(json).contains("\"thinking\":\"hmm\"").containsOnlyOnce("thinking");
        assertThat(ProtocolJson.readServer(json)).isEqualTo(resumed);
    }

    @Test
    void aModelListsItsNamedThinkingLevels() throws Exception {
        ModelInfo gpt = new ModelInfo("gpt-oss:20b", 1, "gptoss", "20B", "MXFP4", List.of("completion", "thinking"),
                131_072, false, List.of("low", "medium", "high"));

        String json = ProtocolJson.writeServerText(new ModelList("m", List.of(gpt), "gpt-oss:20b"));

        assertThat(json).contains("\"thinkLevels\":[\"low\",\"medium\",\"high\"]");
        assertThat(ProtocolJson.readServer(json)).isEqualTo(new ModelList("m", List.of(gpt), "gpt-oss:20b"));
        assertThat(gpt.withThinkLevels(List.of()).thinkLevels()).isNull();
    }
}
