package io.lanchat.server.monitor;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.OllamaStatus;
import java.util.List;

/** Hears about changes only (never the same state twice). Called on the monitor's event loop; must not block. */
public interface AvailabilityListener {
    void availabilityChanged(OllamaStatus status);

    void modelsChanged(List<ModelInfo> models);
}
