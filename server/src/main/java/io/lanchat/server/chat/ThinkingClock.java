package io.lanchat.server.chat;

import java.util.concurrent.TimeUnit;

/**
 * How long one reply's model thought: from its first reasoning to the first piece of its answer, or to the end of
 * the reply when no answer followed. Confined to the reply's event loop.
 */
final class ThinkingClock {
    private long startNanos;
    private long endNanos;
    private boolean thought;
    private boolean ended;

    /** A piece of reasoning arrived. */
    void reasoning(long nowNanos) {
        if (!thought) {
            thought = true;
            startNanos = nowNanos;
        }
    }

    /** A piece of the answer arrived, or the reply ended. */
    void stop(long nowNanos) {
        if (thought && !ended) {
            ended = true;
            endNanos = nowNanos;
        }
    }

    boolean thought() {
        return thought;
    }

    /** Whether the model is thinking now: it reasoned and no answer came yet. */
    boolean thinking() {
        return thought && !ended;
    }

    /** Milliseconds thought, or null when the model did not think; ends the thinking at {@code nowNanos}. */
    Long millis(long nowNanos) {
        stop(nowNanos);
        return thought ? Math.max(0, TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos)) : null;
    }
}
