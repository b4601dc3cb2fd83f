package io.lanchat.server.room;

import java.util.concurrent.TimeUnit;

/**
 * How often one sender's "typing" is passed on: at most once every {@link #EVERY_MILLIS}, however often it comes.
 * Not thread-safe: each sender's is used on one thread (its connection's loop, or its conversation's).
 */
public final class TypingPace {
    /** The fewest milliseconds between two typing frames passed on for one sender. */
    public static final long EVERY_MILLIS = 2_000;
    private static final long EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(EVERY_MILLIS);

    private boolean passedOnce;
    private long lastNanos;

    /** Whether a typing that came at {@code nowNanos} (a {@link System#nanoTime()}) is passed on. */
    public boolean passes(long nowNanos) {
        if (passedOnce && nowNanos - lastNanos < EVERY_NANOS) {
            return false;
        }
        passedOnce = true;
        lastNanos = nowNanos;
        return true;
    }
}
