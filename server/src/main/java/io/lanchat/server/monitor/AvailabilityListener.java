package io.lanchat.server.monitor;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.OllamaStatus;
import java.util.List;

/**
 * Hears about changes only (never the same state twice), plus, if it wants, every state learned. Called on the
 * monitor's event loop; must not block.
 */
public interface AvailabilityListener {
    void availabilityChanged(OllamaStatus status);

    void modelsChanged(List<ModelInfo> models);

    /** After every probe's answer or reported failure, whether anything changed or not (new {@code state} each time). */
    default void checked(OllamaState state) {
    }
}
