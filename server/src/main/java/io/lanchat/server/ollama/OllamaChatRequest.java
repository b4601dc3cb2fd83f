package io.lanchat.server.ollama;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/chat}; always streaming. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OllamaChatRequest(String model, List<OllamaMessage> messages, boolean stream,
                                Map<String, Object> options) {
    public OllamaChatRequest {
        messages = List.copyOf(messages);
    }

    public static OllamaChatRequest streaming(String model, List<OllamaMessage> messages, Map<String, Object> options) {
        return new OllamaChatRequest(model, messages, true, options);
    }
}
