package io.lanchat.server.monitor;

import io.lanchat.server.ollama.HttpReply;
import java.util.concurrent.CompletableFuture;

/**
 * Small requests to Ollama for the monitor: GETs ({@code /api/tags}, {@code /api/ps}) and {@code POST /api/show}.
 * A seam of its own so tests can answer in Ollama's place and decide when.
 */
@FunctionalInterface
public interface OllamaProbe {

    /** Completes with Ollama's answer, or exceptionally when it could not be reached in time. */
    CompletableFuture<HttpReply> get(String apiPath);

    /**
     * Asks {@code POST /api/show} about one model, with a deadline. Probes that cannot (older test doubles) fail,
     * which leaves the model listed without capabilities.
     */
    default CompletableFuture<HttpReply> show(String model) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("this probe cannot ask /api/show"));
    }
}
