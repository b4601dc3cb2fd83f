package io.lanchat.server.monitor;

import io.lanchat.server.ollama.HttpReply;
import java.util.concurrent.CompletableFuture;

/**
 * One small GET to Ollama ({@code /api/tags}, {@code /api/ps}) for the monitor. A seam of its own so tests can
 * answer in Ollama's place and decide when.
 */
@FunctionalInterface
public interface OllamaProbe {

    /** Completes with Ollama's answer, or exceptionally when it could not be reached in time. */
    CompletableFuture<HttpReply> get(String apiPath);
}
