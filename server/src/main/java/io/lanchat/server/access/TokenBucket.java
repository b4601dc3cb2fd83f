package io.lanchat.server.access;

/**
 * Allows {@code perMinute} events a minute with bursts up to the same number: a token bucket refilled
 * continuously. Thread-safe.
 */
public final class TokenBucket {
    private final double capacity;
    private final double refillPerNano;
    private double tokens;
    private long lastNanos;

    public TokenBucket(int perMinute, long nowNanos) {
        this.capacity = perMinute;
        this.refillPerNano = perMinute / 60e9;
        this.tokens = perMinute;
        this.lastNanos = nowNanos;
    }

    /** Takes one token; returns 0 when allowed, else how many whole seconds until one is available. */
    public synchronized long tryTake(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * refillPerNano);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / refillPerNano / 1e9);
    }
}
