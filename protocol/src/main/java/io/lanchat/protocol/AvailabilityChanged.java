package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/** Broadcast to every client when Ollama becomes available or unavailable. */
public record AvailabilityChanged(OllamaStatus ollama) implements ServerMessage {
    public AvailabilityChanged {
        requireNonNull(ollama, "ollama");
    }
}
