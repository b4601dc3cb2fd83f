package io.lanchat.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A prompt longer than the model's context, as Ollama (v0.12.6 and later) treats it: with {@code "truncate":false}
 * the runner refuses it and {@code /api/chat} answers 400 {@code {"error":"the input length exceeds the context
 * length"}} before any chunk ({@code runner/ollamarunner/runner.go} {@code errorInputTooLong}, passed on as an
 * {@code api.StatusError} by {@code llm/server.go} and {@code server/routes.go}); without it (the default, true) the
 * oldest messages are dropped silently and the reply comes as usual.
 */
final class ContextLengthTest {
    private static final String SMALL = "tiny-ctx:latest";

    private final StandInOllama ollama = StandInOllama.start();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void truncateFalseWithAPromptLongerThanTheContextIsRefusedWithOllamasStatusAndText() throws Exception {
        ollama.setCapabilities(SMALL, List.of("completion"), 64);

        HttpResponse<String> response = Http.post(ollama, "/api/chat", body(long300(), false));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.body()).isEqualTo("{\"error\":\"the input length exceeds the context length\"}");
        assertThat(ollama.chatCalls()).hasSize(1);
    }

    @Test
    void withoutTruncateFalseTheSamePromptIsCutSilentlyAndAnswered() throws Exception {
        ollama.setCapabilities(SMALL, List.of("completion"), 64);

        HttpResponse<String> absent = Http.post(ollama, "/api/chat", body(long300(), null));
        HttpResponse<String> explicit = Http.post(ollama, "/api/chat", body(long300(), true));

        assertThat(absent.statusCode()).isEqualTo(200);
        assertThat(absent.body()).contains("\"done\":true");
        assertThat(explicit.statusCode()).isEqualTo(200);
    }

    @Test
    void truncateFalseWithAPromptThatFitsIsAnswered() throws Exception {
        ollama.setCapabilities(SMALL, List.of("completion"), 64);

        HttpResponse<String> response = Http.post(ollama, "/api/chat", body("short question", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"done\":true");
    }

    @Test
    void theEstimateCountsEveryMessageAndATemplateOverheadForEach() {
        List<Message> messages = List.of(new Message("system", "x".repeat(40)), new Message("user", "y".repeat(41)));

        assertThat(PromptTokens.estimate(messages)).isEqualTo(10 + 11 + 2 * PromptTokens.PER_MESSAGE);
    }

    private static String long300() {
        return "word ".repeat(60);
    }

    private static String body(String text, Boolean truncate) {
        return "{\"model\":\"" + SMALL + "\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"" + text + "\"}]"
                + (truncate == null ? "" : ",\"truncate\":" + truncate) + "}";
    }
}
