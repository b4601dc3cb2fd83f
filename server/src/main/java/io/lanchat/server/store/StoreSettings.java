package io.lanchat.server.store;

import java.time.Duration;

/**
 * How a JDBC store runs: its threads, its queue, its deadlines and its write-behind budget.
 *
 * @param lanes              threads, each with its own connection; 0 for the dialect's default (SQLite 2, PostgreSQL 4)
 * @param queueCapacity      tasks that may wait per lane; past that a call fails at once with "store busy"
 * @param queryTimeout       each statement's timeout (whole seconds, at least one)
 * @param deadline           each call's deadline, queueing included
 * @param retryInterval      how often waiting writes are tried again
 * @param waitingCharsBudget characters of unsaved conversations kept for retries; past it the oldest are dropped
 * @param closeDeadline      how long {@link ConversationStore#close()} waits for queued work
 */
public record StoreSettings(int lanes, int queueCapacity, Duration queryTimeout, Duration deadline,
                            Duration retryInterval, long waitingCharsBudget, Duration closeDeadline) {

    public StoreSettings {
        if (lanes < 0 || queueCapacity < 1 || waitingCharsBudget < 0) {
            throw new IllegalArgumentException("lanes >= 0, queueCapacity >= 1 and waitingCharsBudget >= 0");
        }
        for (Duration d : new Duration[] {queryTimeout, deadline, retryInterval, closeDeadline}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive");
            }
        }
    }

    /** Production values: 1,000 queued calls per lane, 10 s per statement, 15 s per call, retries every 5 s. */
    public static StoreSettings defaults() {
        return new StoreSettings(0, 1_000, Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(5),
                64L * 1024 * 1024, Duration.ofSeconds(10));
    }

    public StoreSettings withRetryInterval(Duration interval) {
        return new StoreSettings(lanes, queueCapacity, queryTimeout, deadline, interval, waitingCharsBudget,
                closeDeadline);
    }

    public StoreSettings withLanes(int count, int capacity) {
        return new StoreSettings(count, capacity, queryTimeout, deadline, retryInterval, waitingCharsBudget,
                closeDeadline);
    }

    public StoreSettings withDeadline(Duration callDeadline) {
        return new StoreSettings(lanes, queueCapacity, queryTimeout, callDeadline, retryInterval, waitingCharsBudget,
                closeDeadline);
    }

    public StoreSettings withWaitingCharsBudget(long chars) {
        return new StoreSettings(lanes, queueCapacity, queryTimeout, deadline, retryInterval, chars, closeDeadline);
    }

    int queryTimeoutSeconds() {
        return (int) Math.max(1, queryTimeout.toSeconds());
    }
}
