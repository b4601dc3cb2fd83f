package io.lanchat.server.monitor;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.OllamaStatus;
import java.time.Instant;
import java.util.List;

/**
 * What the monitor knows about Ollama at one moment.
 *
 * @param status    available or not, and why
 * @param models    installed models as of the last successful probe (empty while unavailable)
 * @param checkedAt when this was learned; null before the first probe finished
 */
public record OllamaState(OllamaStatus status, List<ModelInfo> models, Instant checkedAt) {
    public OllamaState {
        models = List.copyOf(models);
    }

    public boolean hasModel(String name) {
        return models.stream().anyMatch(m -> ModelNames.same(m.name(), name));
    }
}
