package io.lanchat.server.backend;

import io.lanchat.server.ollama.ModelNames;
import java.util.HashMap;
import java.util.Map;

/** Recent generation times per model, as an exponentially weighted average. Confined to the scheduler's loop. */
final class ServiceTimes {
    private final Map<String, Double> averages = new HashMap<>();

    void record(String model, long nanos) {
        averages.merge(ModelNames.normalize(model), nanos / 1e6, (old, now) -> old * 0.7 + now * 0.3);
    }

    /** Null while nothing was measured for the model. */
    Long averageMillis(String model) {
        Double average = averages.get(ModelNames.normalize(model));
        return average == null ? null : Math.round(average);
    }
}
