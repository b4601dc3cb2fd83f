package io.lanchat.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At least a million hostile frames from several connections while a well-behaved user chats: the server must
 * stay up, close every connection that sent a frame it must not accept, keep serving the user, leak nothing
 * (open files, threads, heap after a full GC, measured after a warm-up and at the end) and keep its log small.
 */
final class Fuzz {
    private static final int MAX_FRAME_BYTES = 65_536;
    /**
     * Every attacking connection gets a session, which the server keeps (by design) for a later resume; with the
     * default limit the tens of thousands of connections would fill the heap with 10,000 abandoned sessions and
     * hide a leak. A small limit keeps what is retained by design negligible.
     */
    private static final int MAX_SESSIONS = 100;
    private final Options o;

    Fuzz(Options o) {
        this.o = o;
    }

    Checks run() throws Exception {
        Checks checks = new Checks("fuzz");
        long frames = o.longValue("--frames", 1_000_000);
        int connections = o.integer("--connections", 4);
        long seed = o.seed();
        long maxLog = o.longValue("--max-log-bytes", 1024 * 1024);
        long bound = o.duration("--serve-within", Duration.ofSeconds(30)).toMillis();
        checks.figure("frames " + frames + " from " + connections + " connections, seed " + seed
                + " (rerun with --seed " + seed + ")");
        MachineLoad cpu = new MachineLoad();
        try (OllamaStandIn ollama = new OllamaStandIn(Duration.ofMillis(5), 4);
             ServerUnderTest server = ServerUnderTest.start(o.serverLaunch(), o.serverJvm(), List.of(
                     "--ollama-host", ollama.url(), "--model", OllamaStandIn.MODEL, "--parallel", "4",
                     "--max-frame-bytes", Integer.toString(MAX_FRAME_BYTES), "--max-sessions",
                     Integer.toString(MAX_SESSIONS)), o.logDir().resolve("fuzz-server.log"))) {
            server.awaitOllama(true, 30_000);
            Sampler sampler = new Sampler(server.probe, ollama.port(), 5_000);
            FuzzConnection.Tally tally = new FuzzConnection.Tally();
            long warmupFrames = Math.max(1_000, frames / 50);
            attack(server, warmupFrames, connections, seed, tally);
            Thread.sleep(2_000);
            long heapBefore = server.probe.heapAfterFullGc();
            Sample before = sampler.sampleNow();
            long logBefore = server.logBytes();

            long start = System.nanoTime();
            SteadyChatter user = new SteadyChatter(server.address(), bound, 2_000);
            attack(server, frames, connections, seed + 1, tally);
            double seconds = (System.nanoTime() - start) / 1e9;
            user.stop();
            boolean up = server.alive() && server.healthz() == 200;
            String afterwards = ChatOnce.chat(server.address(), Loopback.source(0, 0), "after-fuzz", 10, bound);
            Thread.sleep(3_000);
            long heapAfter = server.probe.heapAfterFullGc();
            Sample after = sampler.sampleNow();
            sampler.close();
            long logBytes = server.logBytes() - logBefore;

            checks.figure(String.format("%d frames (+%d warm-up) in %.1f s (%.0f frames/s), %d fatal by design, %d "
                            + "connections, %d answers read", tally.frames.sum() - warmupFrames, warmupFrames, seconds,
                    (tally.frames.sum() - warmupFrames) / seconds, tally.fatalFrames.sum(), tally.connections.sum(),
                    tally.answers.sum()));
            checks.figure("close codes seen " + counts(tally.closeCodes) + "; not closed within 10 s after a fatal "
                    + "frame " + tally.notClosedAfterFatal.sum() + " " + counts(tally.notClosedKinds)
                    + "; closed after a harmless frame "
                    + tally.closedUnexpectedly.sum() + "; connect failures " + tally.connectFailures.sum());
            checks.figure("frame kinds " + counts(tally.kinds));
            checks.figure("well-behaved user: " + user.ok.get() + " chats completed, " + user.failed.get()
                    + " not" + (user.firstFailure() == null ? "" : " (first: " + user.firstFailure() + ")"));
            for (String f : List.of("rss", "heap used", "open files", "threads")) {
                checks.figure(Soak.summary(sampler, f, 0).toString());
            }
            checks.figure("sessions held at the end " + Health.field(server.healthzBody(), "sessions") + " (--max-sessions "
                    + MAX_SESSIONS + ")");
            checks.figure("after warm-up -> end: heap after full GC " + Figures.bytes(heapBefore) + " -> "
                    + Figures.bytes(heapAfter) + ", open files " + before.openFiles() + " -> " + after.openFiles()
                    + ", threads " + before.threads() + " -> " + after.threads());
            checks.figure(String.format("server log: %s written during the run (%.1f bytes per frame), %s in all; "
                            + "machine %.0f%% busy, load average max %.2f", Figures.bytes(logBytes),
                    logBytes / (double) frames, Figures.bytes(server.logBytes()), cpu.busyPercentSinceLast(),
                    sampler.maxLoad()));

            checks.check("server up throughout and at the end", up, "");
            checks.check("at least the frames asked for were sent", tally.frames.sum() - warmupFrames >= frames,
                    Long.toString(tally.frames.sum() - warmupFrames));
            checks.check("every fatal frame closed its connection", tally.notClosedAfterFatal.sum() == 0,
                    tally.notClosedAfterFatal.sum() + " left open: " + counts(tally.notClosedKinds));
            checks.check("well-behaved user served throughout", user.failed.get() == 0 && user.ok.get() > 0
                    && afterwards == null, user.ok.get() + " ok, " + user.failed.get() + " failed"
                    + (afterwards == null ? "" : "; after the run: " + afterwards));
            checks.check("no leak: open files", after.openFiles() <= before.openFiles() + 10,
                    before.openFiles() + " -> " + after.openFiles());
            checks.check("no leak: threads", after.threads() <= before.threads() + 4,
                    before.threads() + " -> " + after.threads());
            checks.check("no leak: heap after full GC", heapAfter >= 0 && heapBefore >= 0
                    && heapAfter <= heapBefore * 1.3 + 16 * 1024 * 1024, Figures.bytes(heapBefore) + " -> "
                    + Figures.bytes(heapAfter));
            checks.check("log stays small", logBytes <= maxLog, Figures.bytes(logBytes) + " (bound "
                    + Figures.bytes(maxLog) + ")");
            return checks;
        }
    }

    private static void attack(ServerUnderTest server, long frames, int connections, long seed,
                               FuzzConnection.Tally tally) throws InterruptedException {
        AtomicLong budget = new AtomicLong(frames);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(new FuzzConnection(server.address(), Loopback.source(2, i), seed * 31 + i,
                    MAX_FRAME_BYTES, budget, tally), "fuzz-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(30);
        for (Thread t : threads) {
            while (t.isAlive() && System.nanoTime() < deadline) {
                t.join(30_000);
                if (t.isAlive()) {
                    System.out.printf("   [%s] %d frames sent, server log %s, load average %.2f%n",
                            java.time.LocalTime.now().withNano(0), tally.frames.sum(),
                            Figures.bytes(server.logBytes()), MachineLoad.loadAverage());
                }
            }
        }
        if (threads.stream().anyMatch(Thread::isAlive)) {
            budget.set(0);
            System.out.println("   the attack did not finish within 30 minutes; stopped");
        }
    }

    private static <K> Map<K, Long> counts(Map<K, java.util.concurrent.atomic.LongAdder> adders) {
        Map<K, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
