package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Answers a {@code models} request with the installed models and the default. */
public record ModelList(String id, List<ModelInfo> models, String defaultModel) implements ServerMessage {
    public ModelList {
        models = models == null ? List.of() : List.copyOf(models);
        requireNonNull(defaultModel, "defaultModel");
    }
}
