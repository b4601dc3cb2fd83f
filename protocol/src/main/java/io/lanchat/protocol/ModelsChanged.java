package io.lanchat.protocol;

import java.util.List;

/** Broadcast to every client when the set of installed models changes; {@code models} is the new full list. */
public record ModelsChanged(List<ModelInfo> models) implements ServerMessage {
    public ModelsChanged {
        models = models == null ? List.of() : List.copyOf(models);
    }
}
