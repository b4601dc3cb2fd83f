package io.lanchat.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ollama's OpenAI-compatible endpoints, in the shapes of its openai package. */
final class OpenAiEndpointsTest {

    private final StandInOllama ollama = StandInOllama.start();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void streamsChatCompletionChunksAsServerSentEventsEndingWithDone() throws Exception {
        ollama.setReply(call -> List.of("Hel", "lo"));

        HttpResponse<String> response = Http.post(ollama, "/v1/chat/completions",
                "{\"model\":\"tinyllama\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<String> events = response.body().lines().filter(l -> !l.isEmpty()).toList();
        assertThat(events).allMatch(l -> l.startsWith("data: ")).last().isEqualTo("data: [DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(l -> json(l.substring(6))).toList();
        assertThat(chunks).extracting(c -> c.at("/choices/0/delta/content").asText()).containsExactly("Hel", "lo", "");
        assertThat(chunks.get(0).get("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(chunks.get(0).at("/choices/0/finish_reason").isNull()).isTrue();
        assertThat(chunks.get(2).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void answersOneCompletionWithUsageWhenNotStreaming() throws Exception {
        ollama.setReply(call -> List.of("Hel", "lo"));

        JsonNode completion = json(Http.post(ollama, "/v1/chat/completions",
                "{\"model\":\"tinyllama\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").body());

        assertThat(completion.get("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.at("/choices/0/message/content").asText()).isEqualTo("Hello");
        assertThat(completion.at("/usage/completion_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void listsModelsEmbedsAndAnswersErrorsInOpenAisShape() throws Exception {
        JsonNode models = json(Http.get(ollama, "/v1/models").body());
        JsonNode embeddings = json(Http.post(ollama, "/v1/embeddings",
                "{\"model\":\"tinyllama\",\"input\":[\"a\",\"b\"]}").body());
        HttpResponse<String> unknown = Http.post(ollama, "/v1/chat/completions",
                "{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(models.get("object").asText()).isEqualTo("list");
        assertThat(models.at("/data/0/object").asText()).isEqualTo("model");
        assertThat(embeddings.get("data")).hasSize(2);
        assertThat(embeddings.at("/data/1/index").asInt()).isEqualTo(1);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).at("/error/type").asText()).isEqualTo("not_found_error");
        assertThat(json(unknown.body()).at("/error/message").asText()).isEqualTo("model 'nope' not found");
    }

    private static JsonNode json(String text) {
        try {
            return Http.json(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }
}
