package io.lanchat.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanchat.standin.ChatCall;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official {@code openai} npm client, given this server's {@code /v1} as its base URL and an access token as
 * its API key, works as against Ollama's OpenAI layer, through the same queue. Skipped, saying why, where Node or
 * the installed package is missing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class OpenAiJsClientTest {
    private static final String TOKEN = "grace-token-0123456789";
    private static ApiFixture fixture;
    private static Map<String, String> env;

    @BeforeAll
    static void start() throws Exception {
        String missing = NodeScript.missing("openai");
        assumeTrue(missing == null, () -> "skipped: " + missing);
        fixture = ApiFixture.start("--access-tokens", "grace:" + TOKEN, "--client-messages-per-minute", "1000");
        env = Map.of("OPENAI_BASE_URL", "http://127.0.0.1:" + fixture.server.apiPort() + "/v1",
                "OPENAI_API_KEY", TOKEN);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void streamsAChatCompletion() throws Exception {
        fixture.ollama.setReply(call -> List.of("Hel", "lo"));

        JsonNode seen = NodeScript.run("openai-client.mjs", "chat-stream", env);

        assertThat(seen.path("text").asText()).isEqualTo("Hello");
        assertThat(seen.path("finish").asText()).isEqualTo("stop");
    }

    @Test
    void answersAChatCompletionWithUsage() throws Exception {
        fixture.ollama.setReply(call -> List.of("Hel", "lo"));

        JsonNode seen = NodeScript.run("openai-client.mjs", "chat", env);

        assertThat(seen.path("text").asText()).isEqualTo("Hello");
        assertThat(seen.path("usage").path("completion_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void listsModelsAndEmbeds() throws Exception {
        JsonNode models = NodeScript.run("openai-client.mjs", "models", env);
        JsonNode embeddings = NodeScript.run("openai-client.mjs", "embeddings", env);

        assertThat(models.path("ids")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("llama3:8b", "qwen2.5:0.5b");
        assertThat(embeddings.path("count").asInt()).isEqualTo(2);
    }

    @Test
    void anAbortedStreamStopsTheGenerationAtOllama() throws Exception {
        fixture.ollama.setTokenDelay(Duration.ofMillis(50));
        fixture.ollama.setReply(call -> Collections.nCopies(200, "word "));
        CompletableFuture<ChatCall> cancelled = fixture.ollama.nextCancellation();
        try {
            JsonNode seen = NodeScript.run("openai-client.mjs", "abort",
                    Map.of("OPENAI_BASE_URL", env.get("OPENAI_BASE_URL"), "OPENAI_API_KEY", TOKEN,
                            "PROMPT", "stop me"));

            assertThat(seen.path("aborted").asBoolean()).as(seen.toString()).isTrue();
            assertThat(cancelled.get(20, TimeUnit.SECONDS).lastUserContent()).isEqualTo("stop me");
        } finally {
            fixture.ollama.setTokenDelay(Duration.ZERO);
        }
    }

    @Test
    void aWrongKeyIsAnOpenAiAuthenticationError() throws Exception {
        JsonNode seen = NodeScript.run("openai-client.mjs", "error",
                Map.of("OPENAI_BASE_URL", env.get("OPENAI_BASE_URL"), "OPENAI_API_KEY", "wrong-key-0123456789"));

        assertThat(seen.path("status").asInt()).isEqualTo(401);
        assertThat(seen.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(seen.path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void anUnknownModelIsAnOpenAiNotFoundError() throws Exception {
        JsonNode seen = NodeScript.run("openai-client.mjs", "error",
                Map.of("OPENAI_BASE_URL", env.get("OPENAI_BASE_URL"), "OPENAI_API_KEY", TOKEN, "MODEL", "nope:1b"));

        assertThat(seen.path("status").asInt()).isEqualTo(404);
        assertThat(seen.path("type").asText()).isEqualTo("not_found_error");
        assertThat(seen.path("message").asText()).contains("model 'nope:1b' not found");
    }
}
