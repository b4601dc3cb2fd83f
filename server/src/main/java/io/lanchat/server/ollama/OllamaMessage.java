package io.lanchat.server.ollama;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A chat message as Ollama's {@code /api/chat} reads and writes it. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OllamaMessage(String role, String content, String thinking) {
    public OllamaMessage(String role, String content) {
        this(role, content, null);
    }
}
