package io.lanchat.server.config;

import java.time.Duration;

/**
 * The Ollama-compatible HTTP API for other tools (editor plugins, scripts, the {@code ollama} CLI).
 *
 * @param port         the API's own port; null when the API is off, 0 picks a free one (tests)
 * @param maxWait      longest an API request waits for a generation slot before it is answered 503 with
 *                     Retry-After; zero answers 503 at once whenever it would have to wait
 * @param maxBodyBytes largest request body accepted (base64 images make chat bodies large)
 */
public record ApiSettings(Integer port, Duration maxWait, int maxBodyBytes) {
    public ApiSettings {
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("--api-port must be 0..65535, was " + port);
        }
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("--api-max-wait must not be negative, was " + maxWait);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("--api-max-body-bytes must be at least 1024, was " + maxBodyBytes);
        }
    }

    public boolean enabled() {
        return port != null;
    }
}
