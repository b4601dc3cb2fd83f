package io.lanchat.server.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.ThinkMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The user's thinking choice as Ollama's {@code think} for each kind of model (docs/capabilities/thinking.mdx). */
final class ThinkParameterTest {
    private static final ModelInfo QWEN3 = model("qwen3:8b", "qwen3", List.of("completion", "thinking"), null);
    private static final ModelInfo GPT_OSS = model("gpt-oss:20b", "gptoss", List.of("completion", "thinking"),
            List.of("low", "medium", "high"));
    private static final ModelInfo LLAMA = model("llama3.1:8b", "llama", List.of("completion", "tools"), null);

    @Test
    void noChoiceLeavesThinkOutSoTheModelsDefaultApplies() {
        assertThat(ThinkParameter.forModel(null, QWEN3)).isNull();
        assertThat(ThinkParameter.forModel(null, GPT_OSS)).isNull();
    }

    @Test
    void aModelWithoutTheCapabilityIsNeverSentThink() {
        for (ThinkMode mode : ThinkMode.values()) {
            assertThat(ThinkParameter.forModel(mode, LLAMA)).as(mode.wireName()).isNull();
        }
        assertThat(ThinkParameter.forModel(ThinkMode.ON, model("new:1b", "x", null, null))).as("unknown").isNull();
        assertThat(ThinkParameter.forModel(ThinkMode.ON, null)).isNull();
    }

    @Test
    void anOnOffModelGetsABooleanWhateverLevelWasAsked() {
        assertThat(ThinkParameter.forModel(ThinkMode.ON, QWEN3)).isEqualTo(true);
        assertThat(ThinkParameter.forModel(ThinkMode.OFF, QWEN3)).isEqualTo(false);
        assertThat(ThinkParameter.forModel(ThinkMode.HIGH, QWEN3)).isEqualTo(true);
        assertThat(ThinkParameter.forModel(ThinkMode.MAX, QWEN3)).isEqualTo(true);
    }

    @Test
    void aLevelsOnlyModelAlwaysGetsALevel() {
        assertThat(ThinkParameter.forModel(ThinkMode.LOW, GPT_OSS)).isEqualTo("low");
        assertThat(ThinkParameter.forModel(ThinkMode.HIGH, GPT_OSS)).isEqualTo("high");
        assertThat(ThinkParameter.forModel(ThinkMode.ON, GPT_OSS)).isEqualTo("medium");
        assertThat(ThinkParameter.forModel(ThinkMode.OFF, GPT_OSS)).as("cannot stop; least it does").isEqualTo("low");
        assertThat(ThinkParameter.forModel(ThinkMode.MAX, GPT_OSS)).isEqualTo("high");
    }

    @Test
    void gptOssTakesLevelsEvenWhenAnOlderOllamaDidNotListThem() {
        ModelInfo unlisted = model("gpt-oss:120b", "gptoss", List.of("completion", "thinking"), null);

        assertThat(ThinkParameter.forModel(ThinkMode.OFF, unlisted)).isEqualTo("low");
        assertThat(ThinkParameter.forModel(ThinkMode.ON, unlisted)).isEqualTo("medium");
    }

    private static ModelInfo model(String name, String family, List<String> capabilities, List<String> levels) {
        return new ModelInfo(name, 1, family, null, null, capabilities, null, false, levels);
    }
}
