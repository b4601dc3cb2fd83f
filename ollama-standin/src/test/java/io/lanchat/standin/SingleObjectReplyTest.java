package io.lanchat.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class SingleObjectReplyTest {

    private final StandInOllama ollama = StandInOllama.start();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void streamFalseAnswersOneJsonObjectWithTheWholeReplyAndMetrics() throws Exception {
        HttpResponse<String> response = Http.post(ollama, "/api/chat",
                "{\"model\":\"tinyllama\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(response.body()).doesNotEndWith("\n");
        JsonNode body = Http.json(response.body());
        assertThat(body.get("model").asText()).isEqualTo("tinyllama");
        assertThat(body.at("/message/content").asText()).isEqualTo("You said: hi there (turn 1)");
        assertThat(body.get("done").asBoolean()).isTrue();
        assertThat(body.get("done_reason").asText()).isEqualTo("stop");
        assertThat(body.get("eval_count").asInt()).isEqualTo(5); // "You", " said:", " hi", " there", " (turn 1)"
        assertThat(body.get("total_duration").isIntegralNumber()).isTrue();
        assertThat(OffsetDateTime.parse(body.get("created_at").asText())).isNotNull();
        assertThat(ollama.chatCalls()).singleElement().extracting(ChatCall::stream).isEqualTo(false);
    }

    @Test
    void emptyMessagesLoadTheModelAndKeepAliveZeroUnloadsIt() throws Exception {
        HttpResponse<String> load = Http.post(ollama, "/api/chat", "{\"model\":\"tinyllama\",\"messages\":[]}");

        assertThat(load.statusCode()).isEqualTo(200);
        assertThat(load.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode loaded = Http.json(load.body());
        assertThat(fieldNames(loaded)).containsExactly("model", "created_at", "message", "done", "done_reason");
        assertThat(loaded.get("done_reason").asText()).isEqualTo("load");
        assertThat(loaded.at("/message/content").asText()).isEmpty();
        assertThat(Http.json(Http.get(ollama, "/api/ps").body()).at("/models/0/name").asText())
                .isEqualTo("tinyllama:latest");

        HttpResponse<String> unload = Http.post(ollama, "/api/chat", "{\"model\":\"tinyllama\",\"keep_alive\":0}");

        assertThat(Http.json(unload.body()).get("done_reason").asText()).isEqualTo("unload");
        assertThat(Http.get(ollama, "/api/ps").body()).isEqualTo("{\"models\":[]}");
        assertThat(Http.json(Http.post(ollama, "/api/chat",
                "{\"model\":\"tinyllama\",\"messages\":[],\"keep_alive\":\"0s\"}").body()).get("done_reason").asText())
                .isEqualTo("unload");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
