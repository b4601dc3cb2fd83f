package io.lanchat.server.monitor;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.OllamaStatus;
import io.lanchat.server.ollama.ModelNames;
import java.time.Instant;
import java.util.List;

/**
 * What the monitor knows about Ollama at one moment.
 *
 * @param status    available or not, and why
 * @param models    installed models as of the last successful probe (empty while unavailable)
 * @param loaded    names of the models resident in memory (Ollama's /api/ps), normalized
 * @param checkedAt when this was learned; null before the first probe finished
 */
public record OllamaState(OllamaStatus status, List<ModelInfo> models, java.util.Set<String> loaded, Instant checkedAt) {
    public OllamaState {
        models = List.copyOf(models);
        loaded = java.util.Set.copyOf(loaded);
    }

    public boolean isLoaded(String model) {
        return loaded.contains(ModelNames.normalize(model));
    }

    public boolean hasModel(String name) {
        return models.stream().anyMatch(m -> ModelNames.same(m.name(), name));
    }
}
