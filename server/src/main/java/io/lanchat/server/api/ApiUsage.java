package io.lanchat.server.api;

import io.lanchat.server.access.ClientIdentity;
import io.lanchat.server.metrics.ServerMetrics;
import io.lanchat.server.ollama.ModelNames;
import java.time.Duration;

/**
 * Usage of the API per user and model in {@code /metrics}: requests served, prompt and generated tokens (as
 * Ollama counted them), time waited in the queue and time generating. Label values stay a bounded set: the user is
 * an access token's user (configured, so known in advance) or {@code anonymous} without tokens (never an address),
 * and the model is one a backend has (only requests granted a slot are counted). Prompts are never recorded.
 */
final class ApiUsage {
    static final String ANONYMOUS = "anonymous";
    private final ServerMetrics metrics;

    ApiUsage(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    /** The request got a slot after waiting {@code waited}. */
    void granted(ClientIdentity identity, String model, Duration waited) {
        String[] tags = tags(identity, model);
        metrics.count("lanchat.api.requests", "API generation requests served, by user and model", 1, tags);
        metrics.time("lanchat.api.queue.wait", "time API requests waited for a generation slot", waited, tags);
    }

    /** The request ended (completely or not) after generating for {@code generating}. */
    void finished(ClientIdentity identity, String model, Duration generating, UsageTail tail) {
        String[] tags = tags(identity, model);
        metrics.time("lanchat.api.generation.time", "time API requests held a generation slot", generating, tags);
        metrics.count("lanchat.api.prompt.tokens", "prompt tokens of API requests, as Ollama counted them",
                tail.promptTokens(), tags);
        metrics.count("lanchat.api.generated.tokens", "tokens generated for API requests, as Ollama counted them",
                tail.generatedTokens(), tags);
    }

    static String user(ClientIdentity identity) {
        return identity.key().startsWith("user:") ? identity.key().substring("user:".length()) : ANONYMOUS;
    }

    private static String[] tags(ClientIdentity identity, String model) {
        return new String[] {"user", user(identity), "model", ModelNames.normalize(model)};
    }
}
