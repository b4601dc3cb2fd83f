package io.lanchat.server.backend;

import io.lanchat.server.monitor.AvailabilityMonitor;
import io.lanchat.server.monitor.OllamaState;
import io.lanchat.server.ollama.OllamaClient;

/**
 * One Ollama server: its client and its monitor.
 *
 * @param index   position in the configured list, for logs and metrics
 * @param client  talks to it
 * @param monitor watches it
 */
public record Backend(int index, OllamaClient client, AvailabilityMonitor monitor) {

    public OllamaState state() {
        return monitor.state();
    }

    public String name() {
        return client.endpoint().toString();
    }
}
