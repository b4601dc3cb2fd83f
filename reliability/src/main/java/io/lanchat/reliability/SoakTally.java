package io.lanchat.reliability;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the soak's users saw, counted across all of them (thread-safe). */
final class SoakTally {
    final LongAdder messages = new LongAdder();
    final LongAdder done = new LongAdder();
    final LongAdder exactText = new LongAdder();
    final LongAdder wrongText = new LongAdder();
    final LongAdder failedMessages = new LongAdder();
    final LongAdder retrySucceeded = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder noFinalFrame = new LongAdder();
    final LongAdder brokenStream = new LongAdder();
    final LongAdder cancelled = new LongAdder();
    final LongAdder nonRetryable = new LongAdder();
    final LongAdder drops = new LongAdder();
    final LongAdder serverClosed = new LongAdder();
    final LongAdder resumedContinuing = new LongAdder();
    final LongAdder resumedFromZero = new LongAdder();
    final LongAdder resumedAfterEnd = new LongAdder();
    final LongAdder resumedPending = new LongAdder();
    final LongAdder resumeFailed = new LongAdder();
    final LongAdder resumedMessagesExact = new LongAdder();
    final LongAdder resumedMessages = new LongAdder();
    final LongAdder resets = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder tokens = new LongAdder();
    final AtomicLong lastActivityNanos = new AtomicLong(System.nanoTime());
    private final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();
    private final List<String> examples = new CopyOnWriteArrayList<>();

    void error(String code) {
        errorCodes.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** Keeps the first few descriptions of things that went wrong, for the report. */
    void example(String what) {
        if (examples.size() < 10) {
            examples.add(what);
        }
    }

    Map<String, Long> errorCodes() {
        Map<String, Long> out = new TreeMap<>();
        errorCodes.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    List<String> examples() {
        return List.copyOf(examples);
    }
}
