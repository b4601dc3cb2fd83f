package io.lanchat.server.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading capabilities, context length and cloud marks from Ollama's {@code /api/show} and {@code /api/tags}. */
final class ModelTraitsTest {

    @Test
    void showGivesCapabilitiesAndTheArchitecturesContextLength() throws IOException {
        ModelTraits traits = ModelTraits.parseShow("""
                {"license":"…","details":{"family":"qwen3"},
                 "model_info":{"general.architecture":"qwen3","general.parameter_count":751632384,
                               "qwen3.context_length":40960,"qwen3.embedding_length":1024},
                 "capabilities":["completion","tools","thinking"],"modified_at":"2026-03-01T09:00:00Z"}""");

        assertThat(traits).isEqualTo(new ModelTraits(List.of("completion", "tools", "thinking"), 40960));
    }

    @Test
    void aContextLengthUnderAnotherPrefixIsFoundAndMissingPartsStayUnknown() throws IOException {
        assertThat(ModelTraits.parseShow(
                "{\"model_info\":{\"general.architecture\":\"mllama\",\"llama.context_length\":131072}}"))
                .isEqualTo(new ModelTraits(List.of(), 131072));
        assertThat(ModelTraits.parseShow("{\"capabilities\":[\"completion\"]}"))
                .isEqualTo(new ModelTraits(List.of("completion"), null));
        assertThat(ModelTraits.parseShow(
                "{\"capabilities\":[\"completion\",\"\"],\"model_info\":{\"x.context_length\":\"big\"}}"))
                .isEqualTo(new ModelTraits(List.of("completion"), null));
    }

    @Test
    void namedThinkingLevelsAreReadFromShowAndOnOffValuesAreNot() throws IOException {
        ModelTraits gpt = ModelTraits.parseShow("{\"capabilities\":[\"completion\",\"thinking\"],"
                + "\"thinking\":{\"values\":[\"low\",\"medium\",\"high\"],\"default\":\"medium\"}}");
        ModelTraits qwen = ModelTraits.parseShow("{\"capabilities\":[\"thinking\"],"
                + "\"thinking\":{\"values\":[true,false],\"default\":true}}");

        assertThat(gpt.thinkLevels()).containsExactly("low", "medium", "high");
        assertThat(qwen.thinkLevels()).isEmpty();
        assertThat(ModelTraits.parseShow("{\"capabilities\":[\"thinking\"]}").thinkLevels()).isEmpty();
    }

    @Test
    void anUnreadableShowIsAnError() {
        assertThatThrownBy(() -> ModelTraits.parseShow("<html>502</html>")).isInstanceOf(IOException.class);
    }

    @Test
    void tagsCarryDigestsCapabilitiesWhereNewerOllamaListsThemAndCloudMarks() throws IOException {
        List<InstalledModel> models = InstalledModel.parseTags("""
                {"models":[
                 {"name":"qwen3:0.6b","model":"qwen3:0.6b","size":522653767,"digest":"7df6b6e09427",
                  "details":{"family":"qwen3","parameter_size":"751.63M","quantization_level":"Q4_K_M"},
                  "capabilities":["completion","tools","thinking"]},
                 {"name":"gpt-oss:120b-cloud","model":"gpt-oss:120b-cloud","remote_model":"gpt-oss:120b",
                  "remote_host":"https://ollama.com:443","size":384,"digest":"569662207105",
                  "details":{"family":"gptoss","context_length":131072}},
                 {"name":"mine:latest","remote_host":"https://ollama.com:443","digest":"aa"},
                 {"name":"tinyllama:latest","size":637700138,"digest":"2644915ede35"}]}""");

        assertThat(models).extracting(m -> m.info().name())
                .containsExactly("gpt-oss:120b-cloud", "mine:latest", "qwen3:0.6b", "tinyllama:latest");
        InstalledModel cloud = models.get(0);
        assertThat(cloud.info().remote()).isTrue();
        assertThat(cloud.info().contextLength()).isEqualTo(131072);
        assertThat(cloud.info().capabilities()).isNull();
        assertThat(cloud.fullyDescribed()).isFalse();
        assertThat(models.get(1).info().remote()).as("remote_host alone marks it").isTrue();
        InstalledModel qwen = models.get(2);
        assertThat(qwen.digest()).isEqualTo("7df6b6e09427");
        assertThat(qwen.info().capabilities()).containsExactly("completion", "tools", "thinking");
        assertThat(qwen.info().remote()).isFalse();
        assertThat(models.get(3).info().capabilities()).isNull();
    }

    @Test
    void cloudNamesAreRecognised() {
        assertThat(ModelNames.isCloud("gpt-oss:120b-cloud")).isTrue();
        assertThat(ModelNames.isCloud("Kimi-K2:Cloud")).isTrue();
        assertThat(ModelNames.isCloud("cloud")).isFalse();
        assertThat(ModelNames.isCloud("my-cloud-model:7b")).isFalse();
        assertThat(ModelNames.isCloud("llama3:8b")).isFalse();
    }
}
