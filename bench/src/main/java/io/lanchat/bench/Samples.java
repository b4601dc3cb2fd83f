package io.lanchat.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * A growable list of nanosecond samples with exact percentiles (every sample is kept: a run records at most a
 * few million). Not thread-safe: one per connection, merged after the run.
 */
final class Samples {
    private long[] values;
    private int size;

    Samples() {
        this(16);
    }

    Samples(int capacity) {
        values = new long[Math.max(1, capacity)];
    }

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    static Samples merge(Collection<Samples> parts) {
        int total = parts.stream().mapToInt(Samples::size).sum();
        Samples all = new Samples(total);
        for (Samples part : parts) {
            System.arraycopy(part.values, 0, all.values, all.size, part.size);
            all.size += part.size;
        }
        return all;
    }

    /** Sorted copy, for percentiles. */
    Sorted sorted() {
        long[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return new Sorted(copy);
    }

    /** Percentiles by the nearest-rank method. */
    record Sorted(long[] values) {
        int count() {
            return values.length;
        }

        long percentile(double p) {
            if (values.length == 0) {
                return -1;
            }
            int rank = (int) Math.ceil(p / 100.0 * values.length);
            return values[Math.min(values.length - 1, Math.max(0, rank - 1))];
        }

        long min() {
            return values.length == 0 ? -1 : values[0];
        }

        long max() {
            return values.length == 0 ? -1 : values[values.length - 1];
        }

        double mean() {
            return values.length == 0 ? -1 : Arrays.stream(values).average().orElse(-1);
        }
    }
}
