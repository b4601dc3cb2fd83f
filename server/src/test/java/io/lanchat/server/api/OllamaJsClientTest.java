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
 * The official {@code ollama} npm client (ollama-js), pointed at the server's API with nothing changed but
 * OLLAMA_HOST (and its Authorization header for the token), works as against Ollama. Skipped, saying why, where Node or the
 * installed package is missing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class OllamaJsClientTest {
    private static final String TOKEN = "ada-token-0123456789";
    private static ApiFixture fixture;
    private static Map<String, String> env;

    @BeforeAll
    static void start() throws Exception {
        String missing = NodeScript.missing("ollama");
        assumeTrue(missing == null, () -> "skipped: " + missing);
        fixture = ApiFixture.start("--access-tokens", "ada:" + TOKEN, "--client-messages-per-minute", "1000");
        env = Map.of("OLLAMA_HOST", "http://127.0.0.1:" + fixture.server.apiPort(), "LANCHAT_TOKEN", TOKEN);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void streamsAChat() throws Exception {
        fixture.ollama.setReply(call -> List.of("Hel", "lo"));

        JsonNode seen = NodeScript.run("ollama-client.mjs", "chat-stream", env);

        assertThat(seen.path("parts")).extracting(JsonNode::asText).containsExactly("Hel", "lo", "");
        assertThat(seen.path("done").asBoolean()).isTrue();
        assertThat(seen.path("evalCount").asInt()).isEqualTo(2);
    }

    @Test
    void chatsWithoutStreaming() throws Exception {
        fixture.ollama.setReply(call -> List.of("Hel", "lo"));

        JsonNode seen = NodeScript.run("ollama-client.mjs", "chat", env);

        assertThat(seen.path("content").asText()).isEqualTo("Hello");
        assertThat(seen.path("done").asBoolean()).isTrue();
    }

    @Test
    void generatesBothWays() throws Exception {
        fixture.ollama.setReply(call -> List.of("Once", " upon"));

        JsonNode seen = NodeScript.run("ollama-client.mjs", "generate", env);

        assertThat(seen.path("response").asText()).isEqualTo("Once upon");
        assertThat(seen.path("streamed").asText()).isEqualTo("Once upon");
    }

    @Test
    void listsTheModels() throws Exception {
        JsonNode seen = NodeScript.run("ollama-client.mjs", "list", env);

        assertThat(seen.path("names")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("llama3:8b", "qwen2.5:0.5b");
    }

    @Test
    void embeds() throws Exception {
        JsonNode seen = NodeScript.run("ollama-client.mjs", "embed", env);

        assertThat(seen.path("count").asInt()).isEqualTo(2);
        assertThat(seen.path("dimensions").asInt()).isPositive();
    }

    @Test
    void anAbortedStreamStopsTheGenerationAtOllama() throws Exception {
        fixture.ollama.setTokenDelay(Duration.ofMillis(50));
        fixture.ollama.setReply(call -> Collections.nCopies(200, "word "));
        CompletableFuture<ChatCall> cancelled = fixture.ollama.nextCancellation();
        try {
            JsonNode seen = NodeScript.run("ollama-client.mjs", "abort",
                    Map.of("OLLAMA_HOST", env.get("OLLAMA_HOST"), "LANCHAT_TOKEN", TOKEN, "PROMPT", "stop me"));

            assertThat(seen.path("aborted").asBoolean()).as(seen.toString()).isTrue();
            assertThat(cancelled.get(20, TimeUnit.SECONDS).lastUserContent()).isEqualTo("stop me");
            assertThat(fixture.server.scheduler().running()).isZero();
        } finally {
            fixture.ollama.setTokenDelay(Duration.ZERO);
        }
    }

    @Test
    void aWrongTokenIsRefusedWith401() throws Exception {
        JsonNode seen = NodeScript.run("ollama-client.mjs", "error",
                Map.of("OLLAMA_HOST", env.get("OLLAMA_HOST"), "LANCHAT_TOKEN", "not-the-token-0123456789"));

        assertThat(seen.path("status").asInt()).isEqualTo(401);
        assertThat(seen.path("error").asText()).startsWith("unauthorized");
    }
}
