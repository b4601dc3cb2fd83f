package io.lanchat.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api/generate} and {@code /api/embed} in Ollama's shapes (docs/api.md). */
final class GenerateAndEmbedTest {

    private final StandInOllama ollama = StandInOllama.start();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void generateStreamsResponseChunksAndEndsWithContextAndMetrics() throws Exception {
        ollama.setReply(call -> List.of("Once", " upon"));

        HttpResponse<String> response = Http.post(ollama, "/api/generate", "{\"model\":\"tinyllama\",\"prompt\":\"tell\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        List<JsonNode> lines = response.body().lines().map(GenerateAndEmbedTest::json).toList();
        assertThat(lines).extracting(l -> l.get("response").asText()).containsExactly("Once", " upon", "");
        assertThat(lines.get(0).has("message")).isFalse();
        JsonNode last = lines.get(2);
        assertThat(last.get("done").asBoolean()).isTrue();
        assertThat(last.get("done_reason").asText()).isEqualTo("stop");
        assertThat(last.get("context").isArray()).isTrue();
        assertThat(last.get("eval_count").asInt()).isEqualTo(2);
        assertThat(ollama.chatCalls()).singleElement().satisfies(c -> assertThat(c.lastUserContent()).isEqualTo("tell"));
    }

    @Test
    void generateWithStreamFalseOrAnEmptyPromptAnswersOneObject() throws Exception {
        ollama.setReply(call -> List.of("Once", " upon"));

        JsonNode whole = json(Http.post(ollama, "/api/generate",
                "{\"model\":\"tinyllama\",\"prompt\":\"tell\",\"stream\":false}").body());
        JsonNode load = json(Http.post(ollama, "/api/generate", "{\"model\":\"tinyllama\"}").body());

        assertThat(whole.get("response").asText()).isEqualTo("Once upon");
        assertThat(whole.get("done").asBoolean()).isTrue();
        assertThat(load.get("done_reason").asText()).isEqualTo("load");
    }

    @Test
    void generateWithoutAKnownModelIs404() throws Exception {
        HttpResponse<String> missing = Http.post(ollama, "/api/generate", "{\"prompt\":\"x\"}");
        HttpResponse<String> unknown = Http.post(ollama, "/api/generate", "{\"model\":\"nope\",\"prompt\":\"x\"}");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing.body()).get("error").asText()).isEqualTo("model '' not found");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).get("error").asText()).isEqualTo("model 'nope' not found");
    }

    @Test
    void embedAnswersOneUnitVectorPerInput() throws Exception {
        HttpResponse<String> response = Http.post(ollama, "/api/embed",
                "{\"model\":\"tinyllama\",\"input\":[\"a\",\"b\"]}");
        HttpResponse<String> single = Http.post(ollama, "/api/embed", "{\"model\":\"tinyllama\",\"input\":\"a\"}");
        HttpResponse<String> badInput = Http.post(ollama, "/api/embed", "{\"model\":\"tinyllama\",\"input\":3}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.get("embeddings")).hasSize(2);
        double norm = 0;
        for (JsonNode v : body.get("embeddings").get(0)) {
            norm += v.asDouble() * v.asDouble();
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(body.get("prompt_eval_count").asInt()).isPositive();
        assertThat(json(single.body()).get("embeddings").get(0)).isEqualTo(body.get("embeddings").get(0));
        assertThat(badInput.statusCode()).isEqualTo(400);
        assertThat(json(badInput.body()).get("error").asText()).isEqualTo("invalid input type");
    }

    private static JsonNode json(String text) {
        try {
            return Http.json(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }
}
