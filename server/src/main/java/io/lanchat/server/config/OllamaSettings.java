package io.lanchat.server.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach and watch Ollama.
 *
 * @param uri               base address of Ollama
 * @param connectTimeout    connecting to Ollama
 * @param firstTokenTimeout from request to first token: covers Ollama's queue and a cold model load
 * @param tokenIdleTimeout  longest silence between two chunks once the reply streams
 * @param probeInterval     how often Ollama is probed while it is up
 * @param probeMaxBackoff   longest wait between probes while it is down
 * @param probeTimeout      how long one probe may take
 */
public record OllamaSettings(URI uri, Duration connectTimeout, Duration firstTokenTimeout, Duration tokenIdleTimeout,
                             Duration probeInterval, Duration probeMaxBackoff, Duration probeTimeout) {
    public OllamaSettings {
        requireNonNull(uri, "uri");
        Checks.positive("connectTimeout", connectTimeout);
        Checks.positive("firstTokenTimeout", firstTokenTimeout);
        Checks.positive("tokenIdleTimeout", tokenIdleTimeout);
        Checks.positive("probeInterval", probeInterval);
        Checks.positive("probeMaxBackoff", probeMaxBackoff);
        Checks.positive("probeTimeout", probeTimeout);
    }
}
