package io.lanchat.server.ollama;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/chat}; always streaming.
 *
 * @param think Ollama's {@code think}: {@link Boolean} or a level name; null leaves it out (the model's default)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OllamaChatRequest(String model, List<OllamaMessage> messages, boolean stream,
                                Map<String, Object> options, Object think) {
    public OllamaChatRequest {
        messages = List.copyOf(messages);
        if (think != null && !(think instanceof Boolean) && !(think instanceof String)) {
            throw new IllegalArgumentException("think must be a Boolean or a level name");
        }
    }

    public static OllamaChatRequest streaming(String model, List<OllamaMessage> messages, Map<String, Object> options) {
        return new OllamaChatRequest(model, messages, true, options, null);
    }

    public static OllamaChatRequest streaming(String model, List<OllamaMessage> messages, Map<String, Object> options,
                                              Object think) {
        return new OllamaChatRequest(model, messages, true, options, think);
    }
}
