package io.lanchat.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ollama's API through the server, against the stand-in: the wire format comes back as Ollama wrote it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class OllamaApiTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private ApiFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ApiFixture.start();
        fixture.ollama.setReply(call -> List.of("Hello", " there", "!"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void answersTheRootProbeLikeOllama() throws Exception {
        HttpResponse<String> get = fixture.get("/");
        HttpResponse<String> head = fixture.http.send(fixture.request("/").method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("Ollama is running");
        assertThat(get.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("content-length")).hasValue("17");
        HttpResponse<String> headTags = fixture.http.send(fixture.request("/api/tags").method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(headTags.statusCode()).isEqualTo(200);
        assertThat(headTags.body()).isEmpty();
        assertThat(fixture.get("/").body()).isEqualTo("Ollama is running");    // the connection is still sound
    }

    @Test
    void streamsAChatAsNdjsonEndingWithTheStats() throws Exception {
        HttpResponse<String> response = fixture.post("/api/chat",
                "{\"model\":\"llama3:8b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/x-ndjson"));
        List<JsonNode> lines = response.body().lines().map(OllamaApiTest::parse).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(0, 3)).extracting(l -> l.path("message").path("content").asText())
                .containsExactly("Hello", " there", "!");
        JsonNode last = lines.get(3);
        assertThat(last.path("done").asBoolean()).isTrue();
        assertThat(last.path("eval_count").asLong()).isPositive();
        assertThat(last.path("total_duration").asLong()).isPositive();
        assertThat(fixture.ollama.chatCalls()).singleElement()
                .satisfies(call -> assertThat(call.lastUserContent()).isEqualTo("hi"));
    }

    @Test
    void answersANonStreamingChatWithOneObject() throws Exception {
        HttpResponse<String> response = fixture.post("/api/chat",
                "{\"model\":\"llama3:8b\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        JsonNode body = parse(response.body());
        assertThat(body.path("message").path("content").asText()).isEqualTo("Hello there!");
        assertThat(body.path("done").asBoolean()).isTrue();
    }

    @Test
    void listsTheModelsOfTheBackends() throws Exception {
        HttpResponse<String> response = fixture.get("/api/tags");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode models = parse(response.body()).path("models");
        assertThat(models).extracting(m -> m.path("name").asText())
                .containsExactlyInAnyOrder("llama3:8b", "qwen2.5:0.5b");
        assertThat(models.get(0).path("digest").asText()).isNotEmpty();
        assertThat(models.get(0).path("details").path("format").asText()).isEqualTo("gguf");
    }

    @Test
    void showsAModelAndReportsTheVersionAndTheLoadedModels() throws Exception {
        fixture.ollama.setLoadedModels("llama3:8b");

        HttpResponse<String> show = fixture.post("/api/show", "{\"model\":\"llama3:8b\"}");
        HttpResponse<String> version = fixture.get("/api/version");
        HttpResponse<String> ps = fixture.get("/api/ps");

        assertThat(show.statusCode()).isEqualTo(200);
        assertThat(parse(show.body()).path("capabilities").isArray()).isTrue();
        assertThat(parse(version.body()).path("version").asText()).isNotEmpty();
        assertThat(parse(ps.body()).path("models")).extracting(m -> m.path("name").asText())
                .containsExactly("llama3:8b");
    }

    @Test
    void refusesBadBodiesAsOllamaDoes() throws Exception {
        HttpResponse<String> empty = fixture.post("/api/chat", "");
        HttpResponse<String> malformed = fixture.post("/api/chat", "{\"model\":");
        HttpResponse<String> noModel = fixture.post("/api/chat", "{\"messages\":[]}");
        HttpResponse<String> unknown = fixture.post("/api/chat",
                "{\"model\":\"nope:1b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        HttpResponse<String> unknownPath = fixture.get("/api/nothing");
        HttpResponse<String> wrongMethod = fixture.get("/api/chat");

        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(parse(empty.body()).path("error").asText()).isEqualTo("missing request body");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(parse(malformed.body()).path("error").asText()).isNotEmpty();
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(parse(noModel.body()).path("error").asText()).isEqualTo("model is required");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(parse(unknown.body()).path("error").asText()).isEqualTo("model 'nope:1b' not found");
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(unknownPath.body()).isEqualTo("404 page not found");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(fixture.ollama.chatCalls()).isEmpty();        // nothing of it reached Ollama
    }

    @Test
    void refusesABodyOverTheLimit() throws Exception {
        String big = "{\"model\":\"llama3:8b\",\"prompt\":\"" + "x".repeat(17 * 1024 * 1024) + "\"}";

        HttpResponse<String> response = fixture.post("/api/generate", big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(parse(response.body()).path("error").asText()).contains("--api-max-body-bytes");
    }

    @Test
    void leavesModelManagementToAdministrators() throws Exception {
        HttpResponse<String> pull = fixture.post("/api/pull", "{\"model\":\"llama3:8b\"}");

        assertThat(pull.statusCode()).isEqualTo(403);
        assertThat(parse(pull.body()).path("error").asText()).contains("--allow-pull");
    }

    @Test
    void aClientThatHangsUpStopsTheGenerationAtOllama() throws Exception {
        fixture.ollama.setTokenDelay(Duration.ofMillis(50));
        fixture.ollama.setReply(call -> java.util.Collections.nCopies(200, "word "));
        var cancelled = fixture.ollama.nextCancellation();

        HttpResponse<InputStream> response = fixture.http.send(fixture.request("/api/chat").POST(
                HttpRequest.BodyPublishers.ofString("{\"model\":\"llama3:8b\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"long\"}]}")).build(), HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).contains("word");
        reader.close();                     // the JDK client closes the connection of an unfinished body

        assertThat(cancelled.get(20, TimeUnit.SECONDS).lastUserContent()).isEqualTo("long");
        ApiFixture.class.getName();
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
