package io.lanchat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The relay scenarios ({@code --parts}: streams, ttft, fast) run against a server keeping conversations in SQLite
 * (a new temporary folder each time) and against one keeping them in memory only ({@code --database none}), in
 * one invocation, {@code --pairs} times with the order alternating (SQLite first, then memory first), so that a
 * machine warming up or slowing down during the run does not favour one side. Prints the figures side by side.
 */
final class StoreOnOff {
    static final List<String> STORES = List.of("sqlite", "none");

    /** The entries written per store, in run order; errors as counted by each scenario. */
    record Outcome(Map<String, List<Results.Entry>> byStore) {
        /** Every reply and token arrived through the server, on both sides. */
        boolean allOk() {
            return byStore.values().stream().flatMap(List::stream).allMatch(StoreOnOff::clean);
        }
    }

    private final BenchOptions o;
    private final Scenarios scenarios;

    StoreOnOff(BenchOptions options, Scenarios scenarios) {
        this.o = options;
        this.scenarios = scenarios;
    }

    Outcome run() throws Exception {
        String before = o.store;
        Map<String, List<Results.Entry>> byStore = new java.util.LinkedHashMap<>();
        STORES.forEach(s -> byStore.put(s, new ArrayList<>()));
        try {
            for (int pair = 1; pair <= o.pairs; pair++) {
                List<String> order = pair % 2 == 1 ? STORES : List.of(STORES.get(1), STORES.get(0));
                for (String store : order) {
                    System.out.printf("== store-on-off: pair %d of %d, --database %s%n", pair, o.pairs, store);
                    scenarios.useStore(store);
                    int from = scenarios.results().written().size();
                    for (String part : o.parts) {
                        switch (part) {
                            case "streams" -> scenarios.streams();
                            case "ttft" -> scenarios.ttft();
                            case "fast" -> scenarios.fast();
                            default -> throw new IllegalArgumentException("--parts: unknown " + part);
                        }
                    }
                    List<Results.Entry> all = scenarios.results().written();
                    byStore.get(store).addAll(all.subList(from, all.size()));
                }
            }
        } finally {
            scenarios.useStore(before);
        }
        System.out.print(table(byStore));
        return new Outcome(byStore);
    }

    /** No errors, every token delivered. */
    static boolean clean(Results.Entry e) {
        Object errors = e.metrics.get("errors");
        Object tokens = e.metrics.get("tokens");
        Object expected = e.metrics.get("expectedTokens");
        return errors instanceof Number n && n.longValue() == 0
                && (expected == null || (tokens instanceof Number t && expected instanceof Number x
                && t.longValue() == x.longValue()));
    }

    private static final String[][] ROWS = {
        {"streams", "deliveredPerSecond", "streams: tokens/s relayed"},
        {"streams", "errors", "streams: errors"},
        {"streams", "notSaved", "streams: not_saved errors (end nothing)"},
        {"streams", "added_p50_ms", "streams: added p50 (ms)"},
        {"streams", "added_p99_ms", "streams: added p99 (ms)"},
        {"streams", "server_p99_ms", "streams: server p99 (ms)"},
        {"streams", "direct_p99_ms", "streams: direct p99 (ms)"},
        {"streams", "serverCpuPerToken_us", "streams: server CPU per token (µs)"},
        {"streams", "ttft_server_p50_ms", "streams: first token of a chat, server p50 (ms)"},
        {"streams", "ttft_server_p99_ms", "streams: first token of a chat, server p99 (ms)"},
        {"ttft", "server_p50_ms", "ttft: server p50 (ms)"},
        {"ttft", "server_p99_ms", "ttft: server p99 (ms)"},
        {"ttft", "added_p50_ms", "ttft: added p50 (ms)"},
        {"ttft", "added_p99_ms", "ttft: added p99 (ms)"},
        {"ttft", "errors", "ttft: errors"},
        {"ttft", "notSaved", "ttft: not_saved errors"},
        {"fast", "tokensPerSecond", "fast: tokens/s"},
        {"fast", "directTokensPerSecond", "fast: tokens/s direct"},
        {"fast", "errors", "fast: errors"},
    };

    /** A Markdown table: one row per figure, each run's value per store in run order, then each store's median. */
    static String table(Map<String, List<Results.Entry>> byStore) {
        StringBuilder out = new StringBuilder("\n| Figure | SQLite, each run | SQLite median | none, each run | none median |\n"
                + "|---|---|---:|---|---:|\n");
        for (String[] row : ROWS) {
            List<List<Double>> values = new ArrayList<>();
            for (String store : STORES) {
                List<Double> v = new ArrayList<>();
                for (Results.Entry e : byStore.get(store)) {
                    if (e.scenario.equals(row[0]) && e.metrics.get(row[1]) instanceof Number n) {
                        v.add(n.doubleValue());
                    }
                }
                values.add(v);
            }
            if (values.stream().allMatch(List::isEmpty)) {
                continue;
            }
            out.append("| ").append(row[2]);
            for (List<Double> v : values) {
                out.append(" | ").append(String.join(", ", v.stream().map(StoreOnOff::format).toList()))
                        .append(" | ").append(v.isEmpty() ? "" : format(median(v)));
            }
            out.append(" |\n");
        }
        return out.toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(double v) {
        return Math.abs(v) >= 1000 || v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
