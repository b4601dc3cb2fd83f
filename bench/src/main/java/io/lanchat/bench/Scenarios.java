package io.lanchat.bench;

import static io.lanchat.bench.Results.ms;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark scenarios. Each starts what it needs, measures through the server and (where it applies)
 * straight against the stand-in, writes one result line per measurement, and cleans up.
 */
final class Scenarios {
    private final BenchOptions o;
    private final Results results;
    private int serverStarts;
    /** {@code not_saved} errors seen since the last {@link #takeNotSaved()} (they end no reply: counted apart). */
    private int notSaved;

    Scenarios(BenchOptions options) {
        this.o = options;
        this.results = new Results(options.results, options.label);
        useStore(options.store);
    }

    /** Starts a server with extra flags (and the stand-in the scenario runs). */
    interface ServerStarter {
        ServerProcess start(List<String> extraFlags) throws IOException, InterruptedException;
    }

    Results results() {
        return results;
    }

    /**
     * The store the servers started from now on keep conversations in: {@code sqlite} (in a new temporary folder
     * per server), {@code none}, or null for the server's default (which is sqlite); recorded with every result.
     */
    void useStore(String database) {
        o.store = database;
        results.always("store", database == null ? "default" : database);
    }

    /** The outcome of one streams measurement on one path. */
    record StreamOutcome(String path, int streams, int tokensPerStream, int ok, int failed, long tokens,
                         double deliveredPerSecond, Samples.Sorted latency, Samples.Sorted ttft, String firstFailure,
                         Samples.Sorted steady) {
    }

    // ---------------------------------------------------------------- streams and sweep

    void streams() throws Exception {
        try (StandIn standIn = standIn(); ServerProcess server = server(standIn, List.of())) {
            warmUp(standIn, server, Math.min(o.streams, 200));
            streamsAt(standIn, server, o.streams, "streams");
        }
    }

    void sweep() throws Exception {
        try (StandIn standIn = standIn(); ServerProcess server = server(standIn, List.of())) {
            warmUp(standIn, server, Math.min(200, o.levels.stream().mapToInt(Integer::intValue).max().orElse(1)));
            for (int level : o.levels) {
                streamsAt(standIn, server, level, "sweep");
            }
        }
    }

    private void warmUp(StandIn standIn, ServerProcess server, int streams) throws Exception {
        if (o.warmup == 0) {
            return;
        }
        System.out.println("warm-up: " + streams + " streams for " + o.warmup + " s on each path");
        int count = Math.max(2, o.warmup * o.rate);
        runDirect(standIn, streams, count, 1_000_000L / o.rate);
        runServer(server, streams, count, 1_000_000L / o.rate);
    }

    private void streamsAt(StandIn standIn, ServerProcess server, int streams, String scenario) throws Exception {
        int count = o.rate * o.seconds;
        long interval = 1_000_000L / o.rate;
        System.out.printf("%s: %d streams x %d tokens at %d tokens/s each%n", scenario, streams, count, o.rate);
        long genCpu0 = ServerProcess.ownCpuNanos();
        long[] genSplit0 = ServerProcess.cpuSplitNanos(ProcessHandle.current().pid());
        long wall0 = System.nanoTime();
        StreamOutcome direct = runDirect(standIn, streams, count, interval);
        double directGenCpu = (ServerProcess.ownCpuNanos() - genCpu0) / (double) (System.nanoTime() - wall0);
        long[] genSplit1 = ServerProcess.cpuSplitNanos(ProcessHandle.current().pid());
        System.out.printf("  generator direct: %.1f us CPU per token, %.0f%% in the kernel%n",
                (genSplit1[0] + genSplit1[1] - genSplit0[0] - genSplit0[1]) / 1e3 / Math.max(1, direct.tokens),
                100.0 * (genSplit1[1] - genSplit0[1]) / Math.max(1, genSplit1[0] + genSplit1[1] - genSplit0[0] - genSplit0[1]));
        print(direct);
        var threads0 = server.threadCpuNanos();
        long[] split0 = server.cpuSplitNanos();
        long serverCpu0 = split0[0] + split0[1];
        genCpu0 = ServerProcess.ownCpuNanos();
        wall0 = System.nanoTime();
        takeNotSaved();
        StreamOutcome relayed = runServer(server, streams, count, interval);
        long wall = System.nanoTime() - wall0;
        long[] split1 = server.cpuSplitNanos();
        var threads1 = server.threadCpuNanos();
        double serverCpu = (split1[0] + split1[1] - serverCpu0) / (double) wall;
        double serverSystemShare = (split1[1] - split0[1]) / (double) Math.max(1, split1[0] + split1[1] - serverCpu0);
        double genCpu = (ServerProcess.ownCpuNanos() - genCpu0) / (double) wall;
        print(relayed);
        System.out.println("  server threads (cores): " + ServerProcess.topThreads(threads0, threads1, wall));
        System.out.printf("  first token of each chat: server p50 %.3f p99 %.3f ms, direct p50 %.3f p99 %.3f ms%n",
                ms(relayed.ttft.percentile(50)), ms(relayed.ttft.percentile(99)), ms(direct.ttft.percentile(50)),
                ms(direct.ttft.percentile(99)));
        System.out.printf("  CPU (cores busy on average): server %.2f, generator %.2f through the server, %.2f direct;"
                + " server CPU per token %.1f us (%.0f%% of it in the kernel)%n", serverCpu, genCpu, directGenCpu,
                relayed.tokens == 0 ? 0 : serverCpu * wall / 1e3 / relayed.tokens, serverSystemShare * 100);
        Results.Entry entry = new Results.Entry(scenario)
                .param("streams", streams).param("ratePerStream", o.rate).param("seconds", o.seconds)
                .param("serverJvm", String.join(" ", o.serverJvm));
        entry.metric("offeredPerSecond", streams * o.rate);
        entry.metric("deliveredPerSecond", Math.round(relayed.deliveredPerSecond));
        entry.metric("directDeliveredPerSecond", Math.round(direct.deliveredPerSecond));
        entry.metric("tokens", relayed.tokens).metric("expectedTokens", (long) streams * count);
        entry.metric("errors", relayed.failed).metric("directErrors", direct.failed)
                .metric("notSaved", takeNotSaved());
        entry.metric("serverCpuCores", Math.round(serverCpu * 100) / 100.0)
                .metric("serverCpuPerToken_us", relayed.tokens == 0 ? -1 : Math.round(serverCpu * wall / relayed.tokens / 10) / 100.0)
                .metric("serverCpuKernelShare", Math.round(serverSystemShare * 100) / 100.0)
                .metric("generatorCpuCores", Math.round(genCpu * 100) / 100.0)
                .metric("generatorCpuCoresDirect", Math.round(directGenCpu * 100) / 100.0);
        entry.metric("steadyTokens", relayed.steady.count()).metric("directSteadyTokens", direct.steady.count());
        for (double p : new double[] {50, 90, 99, 99.9}) {
            String name = "p" + (p == 99.9 ? "999" : Integer.toString((int) p));
            // Steady state (every stream running): the headline figures.
            entry.metric("server_" + name + "_ms", ms(relayed.steady.percentile(p)));
            entry.metric("direct_" + name + "_ms", ms(direct.steady.percentile(p)));
            entry.metric("added_" + name + "_ms", ms(relayed.steady.percentile(p) - direct.steady.percentile(p)));
        }
        for (double p : new double[] {50, 99}) {
            String name = "p" + (int) p;
            // The whole run, the ramp of chat starts included.
            entry.metric("all_server_" + name + "_ms", ms(relayed.latency.percentile(p)));
            entry.metric("all_direct_" + name + "_ms", ms(direct.latency.percentile(p)));
            entry.metric("all_added_" + name + "_ms", ms(relayed.latency.percentile(p) - direct.latency.percentile(p)));
        }
        entry.metric("server_max_ms", ms(relayed.latency.max())).metric("direct_max_ms", ms(direct.latency.max()));
        // Chat sent -> first token, over the ramp: where a store that saves each message before Ollama shows.
        entry.metric("ttft_server_p50_ms", ms(relayed.ttft.percentile(50)))
                .metric("ttft_server_p99_ms", ms(relayed.ttft.percentile(99)))
                .metric("ttft_direct_p50_ms", ms(direct.ttft.percentile(50)))
                .metric("ttft_direct_p99_ms", ms(direct.ttft.percentile(99)));
        if (relayed.firstFailure != null) {
            entry.metric("firstFailure", relayed.firstFailure);
        }
        results.write(entry);
    }

    private static void print(StreamOutcome r) {
        System.out.printf("  %-6s ok %d failed %d tokens %d delivered %.0f/s latency p50 %.3f p99 %.3f p99.9 %.3f"
                        + " max %.3f ms; steady state (%d tokens) p50 %.3f p99 %.3f ms%s%n", r.path, r.ok, r.failed,
                r.tokens, r.deliveredPerSecond,
                ms(r.latency.percentile(50)), ms(r.latency.percentile(99)), ms(r.latency.percentile(99.9)),
                ms(r.latency.max()), r.steady.count(), ms(r.steady.percentile(50)), ms(r.steady.percentile(99)),
                r.firstFailure == null ? "" : " first failure: " + r.firstFailure);
    }

    StreamOutcome runServer(ServerProcess server, int streams, int count, long intervalMicros) throws Exception {
        try (WsClient client = wsClient(server)) {
            List<WsConn> conns = client.connect(streams, 256, 120_000);
            if (conns.size() < streams) {
                throw new IOException("only " + conns.size() + " of " + streams + " connections opened: "
                        + client.lastFailure());
            }
            List<ChatRun> runs = new ArrayList<>();
            List<Runnable> starts = new ArrayList<>();
            for (WsConn conn : conns) {
                ChatRun run = new ChatRun("c" + conn.index, count, intervalMicros, true);
                runs.add(run);
                starts.add(() -> conn.chat(run));
            }
            StreamOutcome outcome = drive("server", runs, starts, count, intervalMicros);
            int unexpected = conns.stream().mapToInt(WsConn::unexpected).sum();
            notSaved += conns.stream().mapToInt(WsConn::notSaved).sum();
            WsClient.closeAll(conns, 10_000);
            if (unexpected > 0) {
                return new StreamOutcome(outcome.path, outcome.streams, outcome.tokensPerStream, outcome.ok,
                        outcome.failed + unexpected, outcome.tokens, outcome.deliveredPerSecond, outcome.latency,
                        outcome.ttft, unexpected + " unexpected frames", outcome.steady);
            }
            return outcome;
        }
    }

    StreamOutcome runDirect(StandIn standIn, int streams, int count, long intervalMicros) throws Exception {
        try (DirectClient client = new DirectClient(o.clientThreads, "127.0.0.1", standIn.port())) {
            List<DirectClient.Conn> conns = client.connect(streams);
            List<ChatRun> runs = new ArrayList<>();
            List<Runnable> starts = new ArrayList<>();
            for (int i = 0; i < conns.size(); i++) {
                DirectClient.Conn conn = conns.get(i);
                ChatRun run = new ChatRun("d" + i, count, intervalMicros, true);
                runs.add(run);
                starts.add(() -> conn.chat(run));
            }
            StreamOutcome outcome = drive("direct", runs, starts, count, intervalMicros);
            DirectClient.closeAll(conns);
            return outcome;
        }
    }

    /**
     * Starts the chats spread evenly over a ramp (one second per 200 streams, at least one second), so that the streams' token phases are spread as real users' would be and
     * a thousand users do not all press Enter in the same millisecond; then waits for every reply to end. The
     * steady state, for which latency is reported separately, runs from one second after the last start to the
     * first reply's expected end.
     */
    private StreamOutcome drive(String path, List<ChatRun> runs, List<Runnable> starts, int count, long intervalMicros)
            throws InterruptedException {
        long ramp = Math.max(TimeUnit.SECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(5L * starts.size()));
        long spread = starts.size() == 1 ? 0 : ramp;
        long expectedNanos = TimeUnit.MICROSECONDS.toNanos(intervalMicros) * count;
        long t0 = System.nanoTime();
        RateMeter meter = new RateMeter(t0, TimeUnit.NANOSECONDS.toSeconds(spread + expectedNanos) + 60);
        meter.steadyFrom = t0 + spread + TimeUnit.SECONDS.toNanos(1);
        meter.steadyUntil = t0 + expectedNanos;
        runs.forEach(r -> r.meter = meter);
        for (int i = 0; i < starts.size(); i++) {
            long due = t0 + spread * i / starts.size();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            starts.get(i).run();
        }
        long timeout = TimeUnit.NANOSECONDS.toMillis(expectedNanos) + 60_000;
        try {
            CompletableFuture.allOf(runs.stream().map(r -> r.done).toArray(CompletableFuture[]::new))
                    .get(timeout, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // counted below: runs that did not finish are failures
        }
        int ok = 0;
        int failed = 0;
        long tokens = 0;
        String firstFailure = null;
        List<Samples> latencies = new ArrayList<>();
        List<Samples> steadyLatencies = new ArrayList<>();
        Samples ttft = new Samples(runs.size());
        long allStarted = Long.MIN_VALUE;
        long firstEnded = Long.MAX_VALUE;
        for (ChatRun run : runs) {
            if (!run.done.isDone()) {
                failed++;
                if (firstFailure == null) {
                    firstFailure = "reply " + run.id + " did not end within " + timeout + " ms (" + run.received
                            + " tokens)";
                }
                continue;
            }
            if (run.ok()) {
                ok++;
            } else {
                failed++;
                if (firstFailure == null) {
                    firstFailure = run.id + ": " + run.failure;
                }
            }
            tokens += run.received;
            latencies.add(run.latency);
            steadyLatencies.add(run.steadyLatency);
            if (run.firstTokenNanos > 0) {
                ttft.add(run.timeToFirstToken());
                allStarted = Math.max(allStarted, run.firstTokenNanos);
                firstEnded = Math.min(firstEnded, run.lastTokenNanos);
            }
        }
        if (System.getenv("BENCH_TIMELINE") != null) {
            System.out.println("  timeline " + path + " (second:tokens/over 2 ms/worst ms): " + meter.timeline());
        }
        double delivered = meter.rate(allStarted, firstEnded);
        if (delivered < 0) {
            // Too short for a steady window (e.g. one stream, or replies shorter than the spread): whole span.
            long first = runs.stream().filter(r -> r.firstTokenNanos > 0).mapToLong(r -> r.firstTokenNanos).min()
                    .orElse(0);
            long last = runs.stream().mapToLong(r -> r.lastTokenNanos).max().orElse(0);
            delivered = last > first ? (tokens - 1) / ((last - first) / 1e9) : -1;
        }
        return new StreamOutcome(path, runs.size(), count, ok, failed, tokens, delivered,
                Samples.merge(latencies).sorted(), ttft.sorted(), firstFailure, Samples.merge(steadyLatencies).sorted());
    }

    // ---------------------------------------------------------------- one fast stream

    void fast() throws Exception {
        try (StandIn standIn = standIn(); ServerProcess server = server(standIn, List.of())) {
            if (o.warmup > 0) {
                System.out.println("warm-up: 3 fast streams on each path");
                for (int i = 0; i < 3; i++) {
                    runDirect(standIn, 1, Math.min(o.tokens, 100_000), 0);
                    runServer(server, 1, Math.min(o.tokens, 100_000), 0);
                }
            }
            System.out.printf("fast: one stream of %d tokens, as fast as they go%n", o.tokens);
            StreamOutcome direct = runDirect(standIn, 1, o.tokens, 0);
            print(direct);
            takeNotSaved();
            StreamOutcome relayed = runServer(server, 1, o.tokens, 0);
            print(relayed);
            results.write(new Results.Entry("fast").param("tokens", o.tokens).metric("notSaved", takeNotSaved())
                    .param("serverJvm", String.join(" ", o.serverJvm))
                    .metric("tokensPerSecond", Math.round(relayed.deliveredPerSecond))
                    .metric("directTokensPerSecond", Math.round(direct.deliveredPerSecond))
                    .metric("tokens", relayed.tokens).metric("errors", relayed.failed)
                    .metric("directErrors", direct.failed));
        }
    }

    // ---------------------------------------------------------------- time to first token

    void ttft() throws Exception {
        try (StandIn standIn = standIn(); ServerProcess server = server(standIn, List.of())) {
            int connections = 20;
            try (WsClient ws = wsClient(server);
                 DirectClient directClient = new DirectClient(o.clientThreads, "127.0.0.1", standIn.port())) {
                List<WsConn> conns = ws.connect(connections, connections, 30_000);
                List<DirectClient.Conn> direct = directClient.connect(1);
                if (o.warmup > 0) {
                    System.out.println("warm-up: 1000 chats on each path");
                    sequentialChats(conns, direct, 1000);
                }
                System.out.printf("ttft: %d chats one after another, on each path%n", o.chats);
                conns.forEach(c -> notSaved -= c.notSaved());      // the warm-up's
                Samples[] both = sequentialChats(conns, direct, o.chats);
                conns.forEach(c -> notSaved += c.notSaved());
                Samples.Sorted d = both[0].sorted();
                Samples.Sorted s = both[1].sorted();
                Samples.Sorted sOut = both[3].sorted();
                Samples.Sorted sIn = both[4].sorted();
                Samples.Sorted fresh = freshConnectionChats(directClient, Math.min(o.chats, 1000)).sorted();
                System.out.printf("  direct on a new connection per chat (connect included): p50 %.3f p99 %.3f ms%n",
                        ms(fresh.percentile(50)), ms(fresh.percentile(99)));
                System.out.printf("  direct p50 %.3f p99 %.3f ms; server p50 %.3f p99 %.3f ms (%d / %d failures)%n",
                        ms(d.percentile(50)), ms(d.percentile(99)), ms(s.percentile(50)), ms(s.percentile(99)),
                        o.chats - d.count(), o.chats - s.count());
                System.out.printf("  through the server: chat sent -> Ollama's first token written p50 %.3f p99 %.3f ms;"
                                + " written -> arrived p50 %.3f p99 %.3f ms%n", ms(sIn.percentile(50)),
                        ms(sIn.percentile(99)), ms(sOut.percentile(50)), ms(sOut.percentile(99)));
                Results.Entry entry = new Results.Entry("ttft").param("chats", o.chats)
                        .param("history", o.ttftKeepHistory ? "kept" : "none")
                        .param("serverJvm", String.join(" ", o.serverJvm));
                for (double p : new double[] {50, 90, 99}) {
                    String name = "p" + (int) p;
                    entry.metric("server_" + name + "_ms", ms(s.percentile(p)));
                    entry.metric("direct_" + name + "_ms", ms(d.percentile(p)));
                    entry.metric("added_" + name + "_ms", ms(s.percentile(p) - d.percentile(p)));
                }
                entry.metric("errors", o.chats - s.count()).metric("directErrors", o.chats - d.count())
                        .metric("notSaved", takeNotSaved());
                // The time to the first token through the server, cut where the stand-in writes the token.
                entry.metric("serverInbound_p50_ms", ms(sIn.percentile(50)))
                        .metric("serverInbound_p99_ms", ms(sIn.percentile(99)))
                        .metric("serverOutbound_p50_ms", ms(sOut.percentile(50)))
                        .metric("serverOutbound_p99_ms", ms(sOut.percentile(99)))
                        .metric("directInbound_p50_ms", ms(both[2].sorted().percentile(50)));
                entry.metric("directNewConnection_p50_ms", ms(fresh.percentile(50)))
                        .metric("directNewConnection_p99_ms", ms(fresh.percentile(99)))
                        .metric("directNewConnectionChats", fresh.count());
                results.write(entry);
                WsClient.closeAll(conns, 5_000);
                DirectClient.closeAll(direct);
            }
        }
    }

    /**
     * Chats straight to the stand-in, each on a new connection, timed from before the connect to the first
     * token: what the server's per-reply connection to Ollama costs, without the server.
     */
    private static Samples freshConnectionChats(DirectClient client, int chats) throws Exception {
        Samples times = new Samples(chats);
        for (int i = 0; i < chats; i++) {
            long start = System.nanoTime();
            List<DirectClient.Conn> one = client.connect(1);
            ChatRun run = new ChatRun("f" + i, 2, 0, false);
            one.get(0).chat(run);
            run.done.get(10, TimeUnit.SECONDS);
            if (run.ok()) {
                times.add(run.firstTokenNanos - start);
            }
            DirectClient.closeAll(one);
        }
        return times;
    }

    /** Alternates: a chat straight to the stand-in, then one through the server; one at a time. */
    private Samples[] sequentialChats(List<WsConn> conns, List<DirectClient.Conn> direct, int chats)
            throws Exception {
        Samples d = new Samples(chats);
        Samples s = new Samples(chats);
        Samples dIn = new Samples(chats);
        Samples sOut = new Samples(chats);
        Samples sIn = new Samples(chats);
        for (int i = 0; i < chats; i++) {
            ChatRun viaDirect = new ChatRun("t" + i, 2, 0, false);
            direct.get(0).chat(viaDirect);
            viaDirect.done.get(10, TimeUnit.SECONDS);
            if (viaDirect.ok()) {
                d.add(viaDirect.timeToFirstToken());
                dIn.add(viaDirect.timeToFirstToken() - viaDirect.firstTokenLatencyNanos);
            }
            ChatRun viaServer = new ChatRun("t" + i, 2, 0, false);
            WsConn conn = conns.get(i % conns.size());
            if (!o.ttftKeepHistory) {
                // A new conversation, as direct: a client keeping history would send it to Ollama just the same.
                conn.reset().get(10, TimeUnit.SECONDS);
            }
            conn.chat(viaServer);
            viaServer.done.get(10, TimeUnit.SECONDS);
            if (viaServer.ok()) {
                s.add(viaServer.timeToFirstToken());
                sOut.add(viaServer.firstTokenLatencyNanos);
                sIn.add(viaServer.timeToFirstToken() - viaServer.firstTokenLatencyNanos);
            }
        }
        return new Samples[] {d, s, dIn, sOut, sIn};
    }

    // ---------------------------------------------------------------- idle connections

    void idle() throws Exception {
        int n = o.connections > 0 ? o.connections : 19_000;
        try (StandIn standIn = standIn(); ServerProcess server = server(standIn, List.of())) {
            Thread.sleep(1000);
            long heapBefore = server.heapUsedAfterGc();
            long rssBefore = server.rssBytes();
            System.out.printf("idle: baseline heap %.1f MiB after GC, RSS %.1f MiB; opening %d connections%n",
                    heapBefore / 1048576.0, rssBefore / 1048576.0, n);
            try (WsClient client = wsClient(server)) {
                long t0 = System.nanoTime();
                List<WsConn> conns = client.connect(n, 256, 300_000);
                long openNanos = System.nanoTime() - t0;
                System.out.printf("  %d connected (%d failed) in %.1f s%n", conns.size(), client.connectFailures.get(),
                        openNanos / 1e9);
                Thread.sleep(2000);
                long heapAfter = server.heapUsedAfterGc();
                long rssAfter = server.rssBytes();
                Path histogram = o.logDir.resolve("idle-histogram-" + server.pid() + ".txt");
                java.nio.file.Files.writeString(histogram, server.jcmd("GC.class_histogram"));
                long fds = server.openFiles();
                String health = server.healthzBody();
                System.out.printf("  heap after GC %.1f MiB, RSS %.1f MiB, %d fds (class histogram: %s); holding %d s%n",
                        heapAfter / 1048576.0, rssAfter / 1048576.0, fds, histogram, o.hold);
                Thread.sleep(o.hold * 1000L);
                long dropped = conns.stream().filter(c -> c.closed.isDone()).count();
                Results.Entry entry = new Results.Entry("idle").param("connections", n).param("holdSeconds", o.hold)
                        .param("serverJvm", String.join(" ", o.serverJvm));
                entry.metric("connected", conns.size()).metric("connectFailures", client.connectFailures.get())
                        .metric("droppedWhileHeld", dropped)
                        .metric("connectSeconds", Math.round(openNanos / 1e7) / 100.0)
                        .metric("heapBaselineMiB", mib(heapBefore)).metric("heapAfterMiB", mib(heapAfter))
                        .metric("heapPerConnectionBytes", conns.isEmpty() ? -1 : (heapAfter - heapBefore) / conns.size())
                        .metric("rssBaselineMiB", mib(rssBefore)).metric("rssAfterMiB", mib(rssAfter))
                        .metric("rssPerConnectionBytes", conns.isEmpty() ? -1 : (rssAfter - rssBefore) / conns.size())
                        .metric("serverOpenFiles", fds)
                        .metric("healthzConnections", health.replaceAll(".*\"connections\":(\\d+).*", "$1"));
                results.write(entry);
                WsClient.closeAll(conns, 30_000);
            }
        }
    }

    private static double mib(long bytes) {
        return Math.round(bytes / 1048576.0 * 10) / 10.0;
    }

    // ---------------------------------------------------------------- availability broadcast

    void broadcast() throws Exception {
        int n = o.connections > 0 ? o.connections : 15_000;
        List<String> probe = List.of("--probe-interval", "200ms", "--probe-max-backoff", "400ms");
        try (StandIn standIn = standIn(); ServerProcess server = server(standIn, probe);
             WsClient client = wsClient(server)) {
            System.out.printf("broadcast: opening %d connections%n", n);
            List<WsConn> conns = client.connect(n, 256, 300_000);
            System.out.printf("  %d connected (%d failed)%n", conns.size(), client.connectFailures.get());
            Thread.sleep(1000);
            for (int round = 1; round <= o.rounds; round++) {
                for (boolean available : new boolean[] {false, true}) {
                    long[] serverSplit0 = server.cpuSplitNanos();
                    long genCpu0 = ServerProcess.ownCpuNanos();
                    Spread spread = awaitBroadcast(conns, available, () -> {
                        if (available) {
                            standIn.startListening();
                        } else {
                            standIn.stopListening();
                        }
                    });
                    // CPU used while the broadcast went out (includes 200 ms of settling and the probes).
                    long[] serverSplit1 = server.cpuSplitNanos();
                    double serverCpuMs = (serverSplit1[0] + serverSplit1[1] - serverSplit0[0] - serverSplit0[1]) / 1e6;
                    double serverKernelShare = (serverSplit1[1] - serverSplit0[1]) / Math.max(1.0, serverCpuMs * 1e6);
                    double genCpuMs = (ServerProcess.ownCpuNanos() - genCpu0) / 1e6;
                    System.out.printf("  round %d, available=%s: %d of %d received; after the first: p50 %.1f, p99"
                                    + " %.1f, last %.1f ms; CPU used meanwhile: server %.0f ms (%.0f%% in the kernel),"
                                    + " generator %.0f ms%n",
                            round, available, spread.received, conns.size(), ms(spread.sorted.percentile(50)),
                            ms(spread.sorted.percentile(99)), ms(spread.sorted.max()), serverCpuMs,
                            serverKernelShare * 100, genCpuMs);
                    results.write(new Results.Entry("broadcast").param("connections", conns.size())
                            .param("round", round).param("available", available)
                            .param("serverJvm", String.join(" ", o.serverJvm))
                            .metric("received", spread.received).metric("missing", conns.size() - spread.received)
                            .metric("spread_p50_ms", ms(spread.sorted.percentile(50)))
                            .metric("spread_p99_ms", ms(spread.sorted.percentile(99)))
                            .metric("spread_max_ms", ms(spread.sorted.max()))
                            .metric("firstAfterTrigger_ms", ms(spread.firstAfterTrigger))
                            .metric("serverCpu_ms", Math.round(serverCpuMs))
                            .metric("serverCpuKernelShare", Math.round(serverKernelShare * 100) / 100.0)
                            .metric("generatorCpu_ms", Math.round(genCpuMs)));
                    Thread.sleep(500);
                }
            }
            WsClient.closeAll(conns, 30_000);
        }
    }

    interface Action {
        void run() throws Exception;
    }

    record Spread(int received, Samples.Sorted sorted, long firstAfterTrigger) {
    }

    /**
     * Triggers a change and records when each client receives the availability frame saying so. The server
     * sends it at a moment invisible from here, so what is measured is the spread: each client's arrival time
     * minus the first client's.
     */
    private static Spread awaitBroadcast(List<WsConn> conns, boolean available, Action trigger) throws Exception {
        int maxIndex = conns.stream().mapToInt(c -> c.index).max().orElse(0);
        long[] at = new long[maxIndex + 1];
        AtomicInteger got = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(conns.size());
        WsConn.AvailabilityWatch watch = (conn, value, nanos) -> {
            if (value == available && at[conn.index] == 0) {
                at[conn.index] = nanos;
                got.incrementAndGet();
                all.countDown();
            }
        };
        conns.forEach(c -> c.watch(watch));
        long triggered = System.nanoTime();
        trigger.run();
        all.await(20, TimeUnit.SECONDS);
        Thread.sleep(200);       // frames from the array writes land before we read it
        conns.forEach(c -> c.watch(null));
        long first = Long.MAX_VALUE;
        for (WsConn c : conns) {
            if (at[c.index] != 0) {
                first = Math.min(first, at[c.index]);
            }
        }
        Samples spread = new Samples(conns.size());
        for (WsConn c : conns) {
            if (at[c.index] != 0) {
                spread.add(at[c.index] - first);
            }
        }
        return new Spread(got.get(), spread.sorted(), first == Long.MAX_VALUE ? -1 : first - triggered);
    }

    // ---------------------------------------------------------------- start-up and idle memory

    void startup() throws Exception {
        try (StandIn standIn = standIn()) {
            for (int i = 1; i <= o.runs; i++) {
                try (ServerProcess server = server(standIn, List.of())) {
                    long ready = server.startToReadyNanos;
                    server.awaitOllama(true, 10_000);
                    Thread.sleep(5000);
                    long rss = server.rssBytes();
                    System.out.printf("startup %d: ready in %.0f ms; idle RSS %.1f MiB%n", i, ready / 1e6,
                            rss / 1048576.0);
                    results.write(new Results.Entry("startup").param("run", i)
                            .param("serverJvm", String.join(" ", o.serverJvm))
                            .metric("startToReadyMs", Math.round(ready / 1e5) / 10.0)
                            .metric("idleRssMiB", mib(rss)));
                }
            }
        }
    }

    // ---------------------------------------------------------------- smoke (the test suite's)

    /** What the smoke run saw, for the test to check. */
    record SmokeOutcome(StreamOutcome direct, StreamOutcome server, StreamOutcome fast) {
        boolean allOk() {
            return direct.failed == 0 && server.failed == 0 && fast.failed == 0
                    && server.tokens == (long) server.streams * server.tokensPerStream
                    && direct.tokens == (long) direct.streams * direct.tokensPerStream
                    && fast.tokens == fast.tokensPerStream;
        }
    }

    /**
     * A few hundred connections, each streaming a short reply, both paths; then one fast stream. Checks
     * correctness only (strict parsing when {@code --strict}): every token arrives, once, in order.
     */
    SmokeOutcome smoke() throws Exception {
        int streams = o.connections > 0 ? o.connections : 200;
        int count = 30;
        long interval = 20_000;
        try (StandIn standIn = standIn(); ServerProcess server = server(standIn, List.of())) {
            System.out.printf("smoke: %d streams x %d tokens, then one stream of %d tokens%n", streams, count,
                    o.tokens);
            StreamOutcome direct = runDirect(standIn, streams, count, interval);
            print(direct);
            StreamOutcome relayed = runServer(server, streams, count, interval);
            print(relayed);
            StreamOutcome fast = runServer(server, 1, o.tokens, 0);
            print(fast);
            return new SmokeOutcome(direct, relayed, fast);
        }
    }

    // ---------------------------------------------------------------- the store

    private int takeNotSaved() {
        int n = notSaved;
        notSaved = 0;
        return n;
    }

    /** The relay scenarios against a server with its SQLite store and one without, alternating. */
    StoreOnOff.Outcome storeOnOff() throws Exception {
        return new StoreOnOff(o, this).run();
    }

    /** The conversation library over a large seeded SQLite store. */
    LibraryBench.Outcome library() throws Exception {
        try (StandIn standIn = standIn()) {
            return new LibraryBench(o, results).run(flags -> server(standIn, flags));
        }
    }

    /**
     * The server's Ollama API port against the stand-in directly (issue #15), on a server started with
     * {@code --api-port} and, unless {@code --store} says otherwise, {@code --database none} (the API path keeps no
     * conversations).
     */
    ApiLatency.Outcome apiLatency() throws Exception {
        int apiPort = ServerProcess.freePort();
        // A probe of the stand-in that waits behind a thousand streams in this process must not mark it down (the
        // server then answers 503 "no reachable Ollama backend", seen at 1,000 streams on a busy machine).
        List<String> flags = new ArrayList<>(List.of("--api-port", Integer.toString(apiPort), "--probe-timeout", "30s"));
        if (o.store == null) {
            flags.addAll(List.of("--database", "none"));
        }
        try (StandIn standIn = standIn(); ServerProcess server = server(standIn, flags)) {
            return new ApiLatency(o, results).run(standIn, server, apiPort);
        }
    }

    /** Rooms (issue #16): one big room, then many small ones streaming at once, on one server. */
    RoomsBench.Outcome rooms() throws Exception {
        try (StandIn standIn = standIn(); ServerProcess server = server(standIn, List.of())) {
            return new RoomsBench(o, results).run(server);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private StandIn standIn() throws InterruptedException {
        return StandIn.start("127.0.0.1", o.standInPort, o.standInThreads);
    }

    private ServerProcess server(StandIn standIn, List<String> extraFlags) throws IOException, InterruptedException {
        List<String> flags = new ArrayList<>(o.serverFlags(standIn.port()));
        flags.addAll(extraFlags);
        if (o.store != null && !flags.contains("--database")) {
            flags.addAll(List.of("--database", o.store));
        }
        Path log = o.logDir.resolve("server-" + o.scenario + "-" + ProcessHandle.current().pid() + "-"
                + (++serverStarts) + ".log");
        ServerProcess server = ServerProcess.start(o.serverLaunch, o.serverJvm, flags, o.serverPort, log);
        server.awaitOllama(true, 15_000);
        if (!server.healthzBody().contains("127.0.0.1:" + standIn.port())) {
            server.close();
            throw new IOException("the server on port " + server.port + " is not the one just started");
        }
        System.out.printf("server pid %d ready in %.0f ms (%s; store %s)%n", server.pid(),
                server.startToReadyNanos / 1e6, String.join(" ", o.serverJvm), o.store == null ? "default" : o.store);
        return server;
    }

    private WsClient wsClient(ServerProcess server) {
        return new WsClient(o.clientThreads, "127.0.0.1", server.port, o.sourceAddresses, o.strict);
    }
}
