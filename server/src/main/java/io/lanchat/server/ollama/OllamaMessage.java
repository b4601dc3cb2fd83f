package io.lanchat.server.ollama;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A chat message as Ollama's {@code /api/chat} reads and writes it. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OllamaMessage(String role, String content, String thinking, List<String> images) {
    public OllamaMessage(String role, String content) {
        this(role, content, null, null);
    }

    public OllamaMessage(String role, String content, String thinking) {
        this(role, content, thinking, null);
    }

    /** This message with images (base64, as Ollama's {@code images} takes them); unchanged for none. */
    public OllamaMessage withImages(List<String> base64) {
        return base64 == null || base64.isEmpty() ? this : new OllamaMessage(role, content, thinking, List.copyOf(base64));
    }
}
