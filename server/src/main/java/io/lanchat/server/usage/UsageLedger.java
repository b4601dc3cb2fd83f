package io.lanchat.server.usage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Usage per door, user and model since the server started, for the usage endpoint. Bounded by bytes: at most
 * {@link #MAX_ROWS} rows (plus as many as threads racing for the last free one), each name cut to
 * {@link #MAX_NAME_CHARS}; once full, new users or models are added up in one {@link #OTHER} row, so totals stay
 * right. Thread-safe and lock-free for rows that exist (striped counters).
 */
public final class UsageLedger {
    public static final int MAX_ROWS = 1_000;
    static final int MAX_NAME_CHARS = 100;
    public static final String OTHER = "(other)";
    private static final Key OTHER_KEY = new Key(OTHER, OTHER, OTHER);

    /** One row's identity. */
    private record Key(String door, String user, String model) {
    }

    /** One row's figures, added to from any thread. */
    private static final class Counts {
        final LongAdder requests = new LongAdder();
        final LongAdder promptTokens = new LongAdder();
        final LongAdder generatedTokens = new LongAdder();
        final LongAdder queueWaitNanos = new LongAdder();
        final LongAdder generationNanos = new LongAdder();
    }

    private final ConcurrentMap<Key, Counts> rows = new ConcurrentHashMap<>();
    private final int maxRows;

    public UsageLedger() {
        this(MAX_ROWS);
    }

    UsageLedger(int maxRows) {
        this.maxRows = maxRows;
    }

    /** A request of {@code user} for {@code model} got a generation slot after waiting {@code waitedNanos}. */
    void granted(String door, String user, String model, long waitedNanos) {
        Counts counts = row(door, user, model);
        counts.requests.increment();
        counts.queueWaitNanos.add(waitedNanos);
    }

    /** That request ended after generating for {@code generatingNanos}, with Ollama's token counts (0 unknown). */
    void finished(String door, String user, String model, long generatingNanos, long prompt, long generated) {
        Counts counts = row(door, user, model);
        counts.generationNanos.add(generatingNanos);
        counts.promptTokens.add(prompt);
        counts.generatedTokens.add(generated);
    }

    private Counts row(String door, String user, String model) {
        Key key = new Key(cut(door), cut(user), cut(model));
        Counts counts = rows.get(key);
        if (counts != null) {
            return counts;
        }
        return rows.size() < maxRows ? rows.computeIfAbsent(key, k -> new Counts())
                : rows.computeIfAbsent(OTHER_KEY, k -> new Counts());
    }

    private static String cut(String name) {
        return name.length() <= MAX_NAME_CHARS ? name : name.substring(0, MAX_NAME_CHARS);
    }

    /** The rows as they are now, by user, then model, then door. */
    public List<UsageRow> rows() {
        List<UsageRow> out = new ArrayList<>(rows.size());
        rows.forEach((key, c) -> out.add(new UsageRow(key.user(), key.model(), key.door(), c.requests.sum(),
                c.promptTokens.sum(), c.generatedTokens.sum(), c.queueWaitNanos.sum() / 1e9,
                c.generationNanos.sum() / 1e9)));
        out.sort(Comparator.comparing(UsageRow::user).thenComparing(UsageRow::model).thenComparing(UsageRow::door));
        return out;
    }
}
