package io.lanchat.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Capabilities, context length and cloud models as Ollama's docs/api.md shows them: {@code /api/show} always
 * answers {@code capabilities} and {@code model_info."<family>.context_length"}; {@code /api/tags} entries carry
 * {@code capabilities} only in newer versions, and {@code remote_model}/{@code remote_host} for cloud models.
 */
final class ModelCapabilitiesTest {

    private final StandInOllama ollama = StandInOllama.start();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void showListsTheConfiguredCapabilitiesAndContextLengthUnderTheFamily() throws Exception {
        ollama.setCapabilities("qwen3:0.6b", List.of("completion", "tools", "thinking"), 40960);

        JsonNode show = Http.json(Http.post(ollama, "/api/show", "{\"model\":\"qwen3:0.6b\"}").body());

        assertThat(texts(show.get("capabilities"))).containsExactly("completion", "tools", "thinking");
        assertThat(show.at("/model_info/general.architecture").asText()).isEqualTo("qwen3");
        assertThat(show.get("model_info").get("qwen3.context_length").asInt()).isEqualTo(40960);
        assertThat(show.has("remote_host")).isFalse();
        assertThat(ollama.models()).contains("qwen3:0.6b");
        assertThat(ollama.showCalls()).isEqualTo(1);
    }

    @Test
    void modelsDefaultToCompletionOnlyAndTagsLeaveCapabilitiesOutUnlessAsked() throws Exception {
        JsonNode show = Http.json(Http.post(ollama, "/api/show", "{\"model\":\"tinyllama\"}").body());
        assertThat(texts(show.get("capabilities"))).containsExactly("completion");
        assertThat(show.get("model_info").get("llama.context_length").asInt()).isEqualTo(2048);
        assertThat(Http.json(Http.get(ollama, "/api/tags").body()).at("/models/0").has("capabilities")).isFalse();

        ollama.setCapabilities("gemma3:4b", List.of("completion", "vision"), 131072);
        ollama.setCapabilitiesInTags(true);

        JsonNode models = Http.json(Http.get(ollama, "/api/tags").body()).get("models");
        JsonNode gemma = models.get(2);
        assertThat(gemma.get("name").asText()).isEqualTo("gemma3:4b");
        assertThat(names(gemma)).containsExactly("name", "model", "modified_at", "size", "digest", "details",
                "capabilities");
        assertThat(texts(gemma.get("capabilities"))).containsExactly("completion", "vision");
        assertThat(texts(models.get(0).get("capabilities"))).containsExactly("completion");
    }

    @Test
    void cloudModelsCarryRemoteModelAndHostInTagsAndShow() throws Exception {
        ollama.addCloudModel("gpt-oss:120b-cloud");
        ollama.addCloudModel("deepseek-v3.1:671b-cloud");
        ollama.addCloudModel("kimi-k2:cloud");

        JsonNode models = Http.json(Http.get(ollama, "/api/tags").body()).get("models");
        JsonNode gpt = models.get(2);
        assertThat(names(gpt)).containsExactly("name", "model", "remote_model", "remote_host", "modified_at", "size",
                "digest", "details");
        assertThat(gpt.get("name").asText()).isEqualTo("gpt-oss:120b-cloud");
        assertThat(gpt.get("remote_model").asText()).isEqualTo("gpt-oss:120b");
        assertThat(gpt.get("remote_host").asText()).isEqualTo("https://ollama.com:443");
        assertThat(models.get(4).get("remote_model").asText()).isEqualTo("kimi-k2");
        assertThat(models.get(0).has("remote_host")).isFalse();

        JsonNode show = Http.json(Http.post(ollama, "/api/show", "{\"model\":\"gpt-oss:120b-cloud\"}").body());
        assertThat(show.get("remote_host").asText()).isEqualTo("https://ollama.com:443");
        assertThat(show.get("remote_model").asText()).isEqualTo("gpt-oss:120b");
    }

    @Test
    void anUnknownModelIsStill404AndCounted() throws Exception {
        var response = Http.post(ollama, "/api/show", "{\"model\":\"nope\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"model 'nope:latest' not found\"}");
        assertThat(ollama.showCalls()).isEqualTo(1);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
