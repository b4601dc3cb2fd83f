package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * Whether the server can reach Ollama right now.
 *
 * @param available true when Ollama answered the last probe
 * @param reason    a sentence for people: why it is unavailable and what to do, or what is running
 */
public record OllamaStatus(boolean available, String reason) {
    public OllamaStatus {
        requireNonNull(reason, "reason");
    }
}
