package io.lanchat.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/** Counts token arrivals in 100 ms slots, to report the delivered rate over the part of a run where every stream runs. */
final class RateMeter {
    static final long SLOT_NANOS = 100_000_000L;
    private final long origin;
    private final AtomicLongArray slots;

    RateMeter(long originNanos, long maxSeconds) {
        this.origin = originNanos;
        this.slots = new AtomicLongArray((int) (maxSeconds * 10 + 1));
    }

    void tick(long nanos) {
        int slot = (int) ((nanos - origin) / SLOT_NANOS);
        if (slot >= 0 && slot < slots.length()) {
            slots.incrementAndGet(slot);
        }
    }

    /** Tokens per second over the whole slots between {@code from} and {@code to}; -1 when that is under a slot. */
    double rate(long fromNanos, long toNanos) {
        int first = (int) ((fromNanos - origin) / SLOT_NANOS) + 1;
        int last = (int) ((toNanos - origin) / SLOT_NANOS) - 1;
        if (last < first) {
            return -1;
        }
        long sum = 0;
        for (int i = first; i <= last && i < slots.length(); i++) {
            sum += slots.get(i);
        }
        return sum / ((last - first + 1) * (SLOT_NANOS / 1e9));
    }
}
