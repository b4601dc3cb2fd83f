package io.lanchat.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/** Counts token arrivals in 100 ms slots, to report the delivered rate over the part of a run where every stream runs. */
final class RateMeter {
    static final long SLOT_NANOS = 100_000_000L;
    private final long origin;
    /** Tokens arriving in [steadyFrom, steadyUntil) count as steady state: every stream started, none ended. */
    volatile long steadyFrom = Long.MAX_VALUE;
    volatile long steadyUntil = Long.MIN_VALUE;
    private final AtomicLongArray slots;
    private final AtomicLongArray worst;
    private final AtomicLongArray over;

    RateMeter(long originNanos, long maxSeconds) {
        this.origin = originNanos;
        this.slots = new AtomicLongArray((int) (maxSeconds * 10 + 1));
        this.worst = new AtomicLongArray(slots.length());
        this.over = new AtomicLongArray(slots.length());
    }

    /** A token arrived at {@code nanos} with this latency. */
    void tick(long nanos, long latency) {
        tick(nanos);
        int slot = (int) ((nanos - origin) / SLOT_NANOS);
        if (slot >= 0 && slot < slots.length()) {
            worst.accumulateAndGet(slot, latency, Math::max);
            if (latency > 2_000_000L) {
                over.incrementAndGet(slot);
            }
        }
    }

    /** Per second of the run: tokens, tokens later than 2 ms, worst latency; to see when the tail happens. */
    String timeline() {
        StringBuilder out = new StringBuilder();
        for (int second = 0; second * 10 < slots.length(); second++) {
            long n = 0;
            long late = 0;
            long max = 0;
            for (int i = second * 10; i < Math.min(slots.length(), second * 10 + 10); i++) {
                n += slots.get(i);
                late += over.get(i);
                max = Math.max(max, worst.get(i));
            }
            if (n == 0) {
                continue;
            }
            out.append(String.format(java.util.Locale.ROOT, "%ds:%d/%d/%.1f ", second, n, late, max / 1e6));
        }
        return out.toString();
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
