package io.lanchat.client;

import java.time.Duration;

/**
 * How patiently to (re)connect: after failed attempt {@code n} wait {@code first * 2^(n-1)}, capped at
 * {@code max}, and give up after {@code maxAttempts} attempts in a row.
 */
public record Backoff(Duration first, Duration max, int maxAttempts) {

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, got " + first + " and " + max);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** Never gives up: for a person at a terminal, who can always press Ctrl-C. */
    public static Backoff forever(Duration first, Duration max) {
        return new Backoff(first, max, Integer.MAX_VALUE);
    }

    /** The pause after the given failed attempt (1-based) before the next one. */
    public Duration delayAfter(int attempt) {
        // Doubling from `first`; the shift is bounded so a long outage cannot overflow.
        long millis = first.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        return millis >= max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
