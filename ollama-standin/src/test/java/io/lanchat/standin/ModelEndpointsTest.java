package io.lanchat.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class ModelEndpointsTest {

    private final StandInOllama ollama = StandInOllama.start();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void tagsListsInstalledModelsInOllamasShape() throws Exception {
        HttpResponse<String> response = Http.get(ollama, "/api/tags");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode models = Http.json(response.body()).get("models");
        assertThat(models).hasSize(2);
        JsonNode tiny = models.get(0);
        assertThat(names(tiny)).containsExactly("name", "model", "modified_at", "size", "digest", "details");
        assertThat(tiny.get("name").asText()).isEqualTo("tinyllama:latest");
        assertThat(tiny.get("model").asText()).isEqualTo("tinyllama:latest");
        assertThat(tiny.get("digest").asText()).matches("[0-9a-f]{64}");
        assertThat(tiny.get("size").isIntegralNumber()).isTrue();
        assertThat(OffsetDateTime.parse(tiny.get("modified_at").asText())).isNotNull();
        assertThat(names(tiny.get("details"))).containsExactly("parent_model", "format", "family", "families",
                "parameter_size", "quantization_level");
        assertThat(models.get(1).get("name").asText()).isEqualTo("qwen2.5:0.5b");
    }

    @Test
    void tagsDigestsAreDeterministicAndAnEmptyListIsAnEmptyArray() throws Exception {
        String digest = Http.json(Http.get(ollama, "/api/tags").body()).at("/models/0/digest").asText();
        ollama.setModels();

        assertThat(Http.get(ollama, "/api/tags").body()).isEqualTo("{\"models\":[]}");
        ollama.setModels("tinyllama");
        assertThat(Http.json(Http.get(ollama, "/api/tags").body()).at("/models/0/digest").asText()).isEqualTo(digest);
    }

    @Test
    void psReportsNothingByDefaultAndTheConfiguredLoadedModels() throws Exception {
        assertThat(Http.get(ollama, "/api/ps").body()).isEqualTo("{\"models\":[]}");

        ollama.setLoadedModels("tinyllama");

        JsonNode loaded = Http.json(Http.get(ollama, "/api/ps").body()).at("/models/0");
        assertThat(names(loaded)).containsExactly("name", "model", "size", "digest", "details",
                "expires_at", "size_vram", "context_length");
        assertThat(OffsetDateTime.parse(loaded.get("expires_at").asText())).isAfter(OffsetDateTime.now());
        assertThat(loaded.get("context_length").asInt()).isEqualTo(4096);
    }

    @Test
    void aChatLoadsItsModel() throws Exception {
        Http.post(ollama, "/api/chat", Http.chat("qwen2.5:0.5b", "hi"));

        assertThat(Http.json(Http.get(ollama, "/api/ps").body()).at("/models/0/name").asText()).isEqualTo("qwen2.5:0.5b");
    }

    @Test
    void showDescribesAModelAndNormalisesTheNameInItsNotFoundError() throws Exception {
        JsonNode shown = Http.json(Http.post(ollama, "/api/show", "{\"model\":\"tinyllama\"}").body());
        HttpResponse<String> missing = Http.post(ollama, "/api/show", "{\"name\":\"nope\"}");

        assertThat(shown.get("details").get("family").asText()).isEqualTo("llama");
        assertThat(shown.has("model_info")).isTrue();
        assertThat(shown.get("capabilities").get(0).asText()).isEqualTo("completion");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"model 'nope:latest' not found\"}");
    }

    @Test
    void deleteRemovesAModelWithAnEmpty200AndUnknownNamesAre404() throws Exception {
        HttpResponse<String> deleted = Http.send(ollama, "DELETE", "/api/delete", "{\"model\":\"tinyllama\"}");
        HttpResponse<String> again = Http.send(ollama, "DELETE", "/api/delete", "{\"model\":\"tinyllama\"}");

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();
        assertThat(ollama.models()).containsExactly("qwen2.5:0.5b");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).isEqualTo("{\"error\":\"model 'tinyllama' not found\"}");
    }

    @Test
    void pullStreamsProgressAndInstallsTheModel() throws Exception {
        HttpResponse<String> response = Http.post(ollama, "/api/pull", "{\"model\":\"gemma3:270m\"}");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            lines.add(Http.json(line));
        }
        assertThat(lines.get(0).get("status").asText()).isEqualTo("pulling manifest");
        JsonNode layer = lines.get(1);
        assertThat(layer.get("status").asText()).matches("pulling [0-9a-f]{12}");
        assertThat(layer.get("digest").asText()).isEqualTo("sha256:" + layer.get("digest").asText().substring(7))
                .startsWith("sha256:" + layer.get("status").asText().substring(8));
        assertThat(layer.has("completed")).isFalse();
        assertThat(lines.get(2).get("completed").isIntegralNumber()).isTrue();
        assertThat(lines).extracting(l -> l.get("status").asText())
                .endsWith("verifying sha256 digest", "writing manifest", "success");
        assertThat(ollama.models()).contains("gemma3:270m");
    }

    @Test
    void pullingAnUnknownModelIs200ThenAnErrorLine() throws Exception {
        HttpResponse<String> response = Http.post(ollama, "/api/pull", "{\"model\":\"nonexistent-model\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"pulling manifest\"}\n"
                + "{\"error\":\"pull model manifest: file does not exist\"}\n");
        HttpResponse<String> single = Http.post(ollama, "/api/pull", "{\"model\":\"nonexistent\",\"stream\":false}");
        assertThat(single.statusCode()).isEqualTo(500);
    }

    @Test
    void pullWithStreamFalseAnswersOnlyTheLastObject() throws Exception {
        HttpResponse<String> response = Http.post(ollama, "/api/pull", "{\"name\":\"phi3\",\"stream\":false}");

        assertThat(response.body()).isEqualTo("{\"status\":\"success\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(ollama.models()).contains("phi3:latest");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
