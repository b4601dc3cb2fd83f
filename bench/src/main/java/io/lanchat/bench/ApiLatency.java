package io.lanchat.bench;

import static io.lanchat.bench.Results.ms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue #15's benchmark: what the server's Ollama API port adds to a stream, against the stand-in directly, in one
 * run. At each of {@code --levels} concurrent streams, rounds of {@code --seconds} alternate between the two paths
 * ({@code --pairs} pairs, in the order direct, API, API, direct, ..., so that a machine slowing down or warming up
 * favours neither); every stream sends {@code /api/chat} requests back to back, each for {@code --chat-tokens}
 * tokens at {@code --rate} tokens/s, with the same client code on both paths ({@link ApiStreams}). With
 * {@code --mix together} each round runs both paths at once instead ({@code streams} on each), so that a burst of
 * other work on the machine hits both at the same moments.
 */
final class ApiLatency {
    static final String DIRECT = "direct";
    static final String API = "api";
    private static final double[] PERCENTILES = {50, 90, 99};

    /** What one path did at one level, over all of its rounds. */
    record PathFigures(String path, int chats, int failed, long tokens, String firstFailure, Samples.Sorted latency,
                       Samples.Sorted gaps, Samples.Sorted jitter, Samples.Sorted ttft, Samples.Sorted inbound,
                       double serverCpuPerTokenMicros) {
    }

    /** Both paths at one level, and each pair's added p50 and p99 per token (for the spread between pairs). */
    record Level(int streams, int chatTokens, PathFigures direct, PathFigures api, List<double[]> pairAddedPerToken) {
    }

    /** Every level measured. */
    record Outcome(List<Level> levels) {
        boolean allOk() {
            return levels.stream().allMatch(l -> clean(l.direct) && clean(l.api));
        }

        private static boolean clean(PathFigures p) {
            return p.failed == 0 && p.chats > 0 && p.latency.count() > 0 && p.ttft.count() > 0;
        }
    }

    private final BenchOptions o;
    private final Results results;

    ApiLatency(BenchOptions options, Results results) {
        this.o = options;
        this.results = results;
    }

    Outcome run(StandIn standIn, ServerProcess server, int apiPort) throws Exception {
        long micros = 1_000_000L / o.rate;
        int direct = standIn.port();
        if (o.warmup > 0) {
            int streams = Math.min(200, o.levels.stream().mapToInt(Integer::intValue).max().orElse(1));
            System.out.printf("warm-up: %d streams for %d s on each path%n", streams, o.warmup);
            round(new int[] {direct, apiPort}, streams, chatTokens(streams), o.warmup, micros, null);
        }
        List<Level> levels = new ArrayList<>();
        for (int streams : o.levels) {
            int tokens = chatTokens(streams);
            System.out.printf("api-latency: %d streams, chats of %d tokens at %d tokens/s, %d %s of %d s rounds%n",
                    streams, tokens, o.rate, o.pairs, o.apiTogether ? "rounds with both paths at once" : "pairs",
                    o.seconds);
            List<Round> directRounds = new ArrayList<>();
            List<Round> apiRounds = new ArrayList<>();
            List<double[]> pairAdded = new ArrayList<>();
            for (int pair = 0; pair < o.pairs; pair++) {
                Round d;
                Round a;
                if (o.apiTogether) {
                    Round[] both = round(new int[] {direct, apiPort}, streams, tokens, o.seconds, micros, server);
                    d = both[0];
                    a = both[1];
                } else if (pair % 2 == 0) {
                    d = round(new int[] {direct}, streams, tokens, o.seconds, micros, null)[0];
                    a = round(new int[] {apiPort}, streams, tokens, o.seconds, micros, server)[0];
                } else {
                    a = round(new int[] {apiPort}, streams, tokens, o.seconds, micros, server)[0];
                    d = round(new int[] {direct}, streams, tokens, o.seconds, micros, null)[0];
                }
                directRounds.add(d);
                apiRounds.add(a);
                Samples.Sorted dl = Samples.merge(d.latency).sorted();
                Samples.Sorted al = Samples.merge(a.latency).sorted();
                pairAdded.add(new double[] {ms(al.percentile(50) - dl.percentile(50)),
                        ms(al.percentile(99) - dl.percentile(99))});
                System.out.printf("  pair %d: added per token p50 %.3f p99 %.3f ms%n", pair + 1,
                        pairAdded.get(pair)[0], pairAdded.get(pair)[1]);
            }
            Level level = new Level(streams, tokens, figures(DIRECT, directRounds), figures(API, apiRounds), pairAdded);
            print(level);
            write(level);
            levels.add(level);
        }
        return new Outcome(levels);
    }

    /** One round on one path: the connections' samples, and the server's CPU meanwhile when it is measured. */
    private record Round(List<Samples> latency, List<Samples> gaps, List<Samples> jitter, List<Samples> ttft,
                         List<Samples> inbound, int chats, int failed, long tokens, String firstFailure,
                         long serverCpuNanos) {
    }

    /**
     * {@code streams} connections to each of {@code ports} start over a ramp (one second per 200, at least one; the
     * paths' starts interleaved), then run for {@code seconds} more after one settling second; only that window is
     * sampled. Stops by itself: no new chat after the window, and every connection is given up 60 s after it.
     *
     * @param server the server whose CPU to measure meanwhile, or null
     * @return one round per port, in order
     */
    private Round[] round(int[] ports, int streams, int chatTokens, int seconds, long micros, ServerProcess server)
            throws Exception {
        List<ApiStreams> clients = new ArrayList<>();
        try {
            List<List<ApiStreams.Conn>> conns = new ArrayList<>();
            for (int port : ports) {
                ApiStreams client = new ApiStreams(o.clientThreads, "127.0.0.1", port);
                clients.add(client);
                conns.add(client.connect(streams, chatTokens, micros));
            }
            long ramp = streams == 1 ? 0 : Math.max(TimeUnit.SECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(5L * streams));
            long t0 = System.nanoTime();
            long from = t0 + ramp + TimeUnit.SECONDS.toNanos(1);
            long until = from + TimeUnit.SECONDS.toNanos(seconds);
            long cpu0 = server == null ? 0 : cpu(server);
            for (int i = 0; i < streams; i++) {
                long wait = t0 + ramp * i / streams - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                for (List<ApiStreams.Conn> path : conns) {
                    path.get(i).start(from, until);
                }
            }
            long deadline = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()) + 60_000;
            try {
                CompletableFuture.allOf(conns.stream().flatMap(List::stream).map(c -> c.finished)
                        .toArray(CompletableFuture[]::new)).get(deadline, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // counted below: a connection that did not finish is a failure
            }
            long cpu = server == null ? 0 : cpu(server) - cpu0;
            Round[] rounds = new Round[ports.length];
            for (int p = 0; p < ports.length; p++) {
                rounds[p] = collect(conns.get(p), cpu);
            }
            return rounds;
        } finally {
            clients.forEach(ApiStreams::close);
        }
    }

    private static Round collect(List<ApiStreams.Conn> conns, long serverCpuNanos) {
        int chats = 0;
        int failed = 0;
        long tokens = 0;
        String firstFailure = null;
        List<Samples> latency = new ArrayList<>();
        List<Samples> gaps = new ArrayList<>();
        List<Samples> jitter = new ArrayList<>();
        List<Samples> ttft = new ArrayList<>();
        List<Samples> inbound = new ArrayList<>();
        for (ApiStreams.Conn c : conns) {
            if (!c.finished.isDone()) {
                failed++;
                firstFailure = firstFailure != null ? firstFailure : "a connection did not finish in time";
                continue;
            }
            chats += c.chatsOk;
            tokens += c.tokens;
            if (c.failure != null) {
                failed++;
                firstFailure = firstFailure != null ? firstFailure : c.failure;
            }
            latency.add(c.latency);
            gaps.add(c.gaps);
            jitter.add(c.jitter);
            ttft.add(c.ttft);
            inbound.add(c.inbound);
        }
        return new Round(latency, gaps, jitter, ttft, inbound, chats, failed, tokens, firstFailure, serverCpuNanos);
    }

    /** Long enough chats that at most about 200 start a second (at 20 tokens/s), however many streams run. */
    private int chatTokens(int streams) {
        return o.chatTokens > 0 ? o.chatTokens : Math.max(10, streams / 10);
    }

    private static long cpu(ServerProcess server) throws java.io.IOException {
        long[] split = server.cpuSplitNanos();
        return split[0] + split[1];
    }

    private static PathFigures figures(String path, List<Round> rounds) {
        List<Samples> latency = new ArrayList<>();
        List<Samples> gaps = new ArrayList<>();
        List<Samples> jitter = new ArrayList<>();
        List<Samples> ttft = new ArrayList<>();
        List<Samples> inbound = new ArrayList<>();
        int chats = 0;
        int failed = 0;
        long tokens = 0;
        long cpu = 0;
        String firstFailure = null;
        for (Round r : rounds) {
            latency.addAll(r.latency);
            gaps.addAll(r.gaps);
            jitter.addAll(r.jitter);
            ttft.addAll(r.ttft);
            inbound.addAll(r.inbound);
            chats += r.chats;
            failed += r.failed;
            tokens += r.tokens;
            cpu += r.serverCpuNanos;
            firstFailure = firstFailure != null ? firstFailure : r.firstFailure;
        }
        return new PathFigures(path, chats, failed, tokens, firstFailure, Samples.merge(latency).sorted(),
                Samples.merge(gaps).sorted(), Samples.merge(jitter).sorted(), Samples.merge(ttft).sorted(),
                Samples.merge(inbound).sorted(), tokens == 0 ? -1 : cpu / 1e3 / tokens);
    }

    private static void print(Level level) {
        System.out.printf("  %d streams (ms)        %-30s %-30s %s%n", level.streams, "direct p50/p90/p99/max",
                "api p50/p90/p99/max", "added p50/p90/p99/max");
        row("per-token latency", level.direct.latency, level.api.latency);
        row("inter-token gap", level.direct.gaps, level.api.gaps);
        row("gap jitter |Δ|", level.direct.jitter, level.api.jitter);
        row("time to first token", level.direct.ttft, level.api.ttft);
        row("ttft: sent->1st written", level.direct.inbound, level.api.inbound);
        for (PathFigures p : List.of(level.direct, level.api)) {
            System.out.printf("  %-6s chats %d failed %d tokens %d (in window %d)%s%s%n", p.path, p.chats, p.failed,
                    p.tokens, p.latency.count(), p.serverCpuPerTokenMicros < 0 ? ""
                            : String.format(Locale.ROOT, "; server CPU %.1f us per token", p.serverCpuPerTokenMicros),
                    p.firstFailure == null ? "" : "; first failure: " + p.firstFailure);
        }
    }

    private static void row(String name, Samples.Sorted direct, Samples.Sorted api) {
        System.out.printf("  %-23s %-30s %-30s %s%n", name, four(direct), four(api), added(direct, api));
    }

    private static String four(Samples.Sorted s) {
        return String.format(Locale.ROOT, "%.3f/%.3f/%.3f/%.3f", ms(s.percentile(50)), ms(s.percentile(90)),
                ms(s.percentile(99)), ms(s.max()));
    }

    private static String added(Samples.Sorted direct, Samples.Sorted api) {
        return String.format(Locale.ROOT, "%.3f/%.3f/%.3f/%.3f", ms(api.percentile(50) - direct.percentile(50)),
                ms(api.percentile(90) - direct.percentile(90)), ms(api.percentile(99) - direct.percentile(99)),
                ms(api.max() - direct.max()));
    }

    private void write(Level level) throws java.io.IOException {
        Results.Entry entry = new Results.Entry("api-latency").param("streams", level.streams)
                .param("ratePerStream", o.rate).param("chatTokens", level.chatTokens).param("seconds", o.seconds)
                .param("pairs", o.pairs)
                .param("mix", o.apiTogether ? "together" : "alternate").param("serverJvm", String.join(" ", o.serverJvm));
        for (PathFigures p : List.of(level.direct, level.api)) {
            entry.metric(p.path + "_chats", p.chats).metric(p.path + "_errors", p.failed)
                    .metric(p.path + "_tokens", p.tokens).metric(p.path + "_windowTokens", p.latency.count())
                    .metric(p.path + "_windowChats", p.ttft.count());
            metrics(entry, p.path + "_token", p.latency);
            metrics(entry, p.path + "_gap", p.gaps);
            metrics(entry, p.path + "_jitter", p.jitter);
            metrics(entry, p.path + "_ttft", p.ttft);
            metrics(entry, p.path + "_inbound", p.inbound);
        }
        for (String what : List.of("token", "jitter", "ttft", "inbound")) {
            Samples.Sorted d = pick(level.direct, what);
            Samples.Sorted a = pick(level.api, what);
            for (double p : PERCENTILES) {
                entry.metric("added_" + what + "_p" + (int) p + "_ms", ms(a.percentile(p) - d.percentile(p)));
            }
            entry.metric("added_" + what + "_max_ms", ms(a.max() - d.max()));
        }
        entry.metric("pairs_added_token_p50_ms", level.pairAddedPerToken.stream().map(x -> x[0]).toList())
                .metric("pairs_added_token_p99_ms", level.pairAddedPerToken.stream().map(x -> x[1]).toList())
                .metric("serverCpuPerToken_us", Math.round(level.api.serverCpuPerTokenMicros * 10) / 10.0);
        if (level.api.firstFailure != null || level.direct.firstFailure != null) {
            entry.metric("firstFailure", level.api.firstFailure != null ? level.api.firstFailure
                    : level.direct.firstFailure);
        }
        results.write(entry);
    }

    private static Samples.Sorted pick(PathFigures p, String what) {
        return switch (what) {
            case "token" -> p.latency;
            case "jitter" -> p.jitter;
            case "ttft" -> p.ttft;
            default -> p.inbound;
        };
    }

    private static void metrics(Results.Entry entry, String prefix, Samples.Sorted s) {
        for (double p : PERCENTILES) {
            entry.metric(prefix + "_p" + (int) p + "_ms", ms(s.percentile(p)));
        }
        entry.metric(prefix + "_max_ms", ms(s.max()));
    }
}
