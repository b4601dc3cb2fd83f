package io.lanchat.server.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How to reach and watch Ollama.
 *
 * @param uris              base addresses of the Ollama backends (one or more)
 * @param parallel          generations each backend runs at once per model (Ollama's OLLAMA_NUM_PARALLEL);
 *                          more requests wait in this server's queue
 * @param connectTimeout    connecting to Ollama
 * @param firstTokenTimeout from request to first token: covers Ollama's queue and a cold model load
 * @param tokenIdleTimeout  longest silence between two chunks once the reply streams
 * @param probeInterval     how often Ollama is probed while it is up
 * @param probeMaxBackoff   longest wait between probes while it is down
 * @param probeTimeout      how long one probe may take
 * @param allowCloudModels  list and serve Ollama's cloud models (they run on ollama.com: prompts leave the LAN)
 */
public record OllamaSettings(List<URI> uris, int parallel, Duration connectTimeout, Duration firstTokenTimeout, Duration tokenIdleTimeout,
                             Duration probeInterval, Duration probeMaxBackoff, Duration probeTimeout,
                             boolean allowCloudModels) {
    public OllamaSettings {
        uris = List.copyOf(uris);
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("at least one Ollama address is needed");
        }
        Checks.positive("parallel", parallel);
        Checks.positive("connectTimeout", connectTimeout);
        Checks.positive("firstTokenTimeout", firstTokenTimeout);
        Checks.positive("tokenIdleTimeout", tokenIdleTimeout);
        Checks.positive("probeInterval", probeInterval);
        Checks.positive("probeMaxBackoff", probeMaxBackoff);
        Checks.positive("probeTimeout", probeTimeout);
    }

    /** Settings that keep cloud models hidden, as by default. */
    public OllamaSettings(List<URI> uris, int parallel, Duration connectTimeout, Duration firstTokenTimeout,
                          Duration tokenIdleTimeout, Duration probeInterval, Duration probeMaxBackoff,
                          Duration probeTimeout) {
        this(uris, parallel, connectTimeout, firstTokenTimeout, tokenIdleTimeout, probeInterval, probeMaxBackoff,
                probeTimeout, false);
    }
}
