package io.lanchat.server.monitor;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.OllamaStatus;
import io.lanchat.server.ollama.ModelNames;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the monitor knows about Ollama at one moment.
 *
 * @param status       available or not, and why
 * @param models       installed models as of the last successful probe (empty while unavailable); cloud models
 *                     only when the server allows them
 * @param loaded       names of the models resident in memory (Ollama's /api/ps), normalized
 * @param checkedAt    when this was learned; null before the first probe finished
 * @param hiddenRemote normalized names of the cloud models Ollama has that are hidden because they are not allowed
 */
public record OllamaState(OllamaStatus status, List<ModelInfo> models, Set<String> loaded, Instant checkedAt,
                          Set<String> hiddenRemote) {
    public OllamaState {
        models = List.copyOf(models);
        loaded = Set.copyOf(loaded);
        hiddenRemote = Set.copyOf(hiddenRemote);
    }

    public OllamaState(OllamaStatus status, List<ModelInfo> models, Set<String> loaded, Instant checkedAt) {
        this(status, models, loaded, checkedAt, Set.of());
    }

    public boolean isLoaded(String model) {
        return loaded.contains(ModelNames.normalize(model));
    }

    public boolean hasModel(String name) {
        return models.stream().anyMatch(m -> ModelNames.same(m.name(), name));
    }

    /** Whether {@code name} is a cloud model this Ollama has but the server hides. */
    public boolean hidesRemote(String name) {
        return hiddenRemote.contains(ModelNames.normalize(name));
    }
}
