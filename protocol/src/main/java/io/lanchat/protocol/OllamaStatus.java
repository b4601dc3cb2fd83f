package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * Whether the server can reach Ollama right now. With several Ollama backends, the service counts as available
 * while any backend is.
 *
 * @param available     true when at least one Ollama backend answered its last probe
 * @param reason        a sentence for people: why it is unavailable and what to do, or what is running
 * @param backendsUp    how many Ollama backends are up; null from servers that do not say
 * @param backendsTotal how many Ollama backends are configured; null from servers that do not say
 */
public record OllamaStatus(boolean available, String reason, Integer backendsUp, Integer backendsTotal) {
    public OllamaStatus {
        requireNonNull(reason, "reason");
    }

    /** The status of a single Ollama, without backend counts. */
    public OllamaStatus(boolean available, String reason) {
        this(available, reason, null, null);
    }
}
