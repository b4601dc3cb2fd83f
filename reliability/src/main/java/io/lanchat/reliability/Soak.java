package io.lanchat.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Several hundred users chatting for minutes against the real server, in front of a stand-in Ollama that is
 * killed and restarted every minute. Checks that every message ends in a final frame, every failed message
 * succeeds on retry, resumed replies are exact, and the server's heap, open files, threads and connections to
 * Ollama stay flat.
 */
final class Soak {
    private final Options o;

    Soak(Options o) {
        this.o = o;
    }

    Checks run() throws Exception {
        Checks checks = new Checks("soak");
        int users = o.integer("--users", 300);
        Duration duration = o.duration("--duration", Duration.ofMinutes(10));
        Duration killEvery = o.duration("--kill-every", Duration.ofMinutes(1));
        Duration killDown = o.duration("--kill-down", Duration.ofSeconds(5));
        int parallel = o.integer("--parallel", 16);
        // Longer than the server's 20 s keep-alive for idle connections to Ollama, so those must be gone by then.
        Duration quiet = o.duration("--quiet", Duration.ofSeconds(25));
        long seed = o.seed();
        SoakUser.Plan plan = new SoakUser.Plan(o.integer("--tokens", 30), o.integer("--token-size", 8),
                o.decimal("--drop-chance", 0.1), o.duration("--think-min", Duration.ofSeconds(4)).toMillis(),
                o.duration("--think-max", Duration.ofSeconds(16)).toMillis(),
                o.duration("--message-deadline", Duration.ofSeconds(150)).toMillis(), 1_000, 4_000, 10);
        double warmup = o.duration("--warmup", Duration.ofSeconds(Math.max(10, duration.toSeconds() / 10)))
                .toSeconds();
        checks.figure("users " + users + ", duration " + duration.toSeconds() + " s, Ollama killed every "
                + killEvery.toSeconds() + " s for " + killDown.toSeconds() + " s, --parallel " + parallel
                + ", replies of " + plan.tokens() + " tokens, drop chance " + plan.dropChance() + ", seed " + seed);

        MachineLoad cpu = new MachineLoad();
        try (OllamaStandIn ollama = new OllamaStandIn(o.duration("--token-delay", Duration.ofMillis(10)), parallel);
             ServerUnderTest server = ServerUnderTest.start(o.serverLaunch(), o.serverJvm(), List.of(
                     "--ollama-host", ollama.url(), "--model", OllamaStandIn.MODEL,
                     "--parallel", Integer.toString(parallel), "--max-queue", "1000",
                     "--client-messages-per-minute", "1000000", "--max-connections-per-address", "100000"),
                     o.logDir().resolve("soak-server.log"))) {
            server.awaitOllama(true, 30_000);
            Sampler sampler = new Sampler(server.probe, ollama.port(),
                    o.duration("--sample-every", Duration.ofSeconds(5)).toMillis());
            Sample before = sampler.sampleNow();
            SoakTally tally = new SoakTally();
            long stop = System.nanoTime() + duration.toNanos();
            ollama.killEvery(killEvery, killDown);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                Thread t = new Thread(new SoakUser(i, server.address(), plan, tally, stop, seed), "user-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
                Thread.sleep(Math.min(20, Math.max(1, 2_000 / users)));  // a short ramp, not a thundering herd
            }
            Thread.sleep((long) (warmup * 1000) - (long) (sampler.elapsedSeconds() * 1000) > 0
                    ? (long) (warmup * 1000 - sampler.elapsedSeconds() * 1000) : 0);
            long heapWarm = server.probe.heapAfterFullGc();
            progress(tally, stop, ollama);
            long join = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(plan.messageDeadline() + 60_000);
            for (Thread t : threads) {
                t.join(Math.max(1, (join - System.nanoTime()) / 1_000_000));
            }
            long stuck = threads.stream().filter(Thread::isAlive).count();
            ollama.stopKilling();
            Thread.sleep(quiet.toMillis());   // let the last connections close (and idle ones to Ollama expire)
            long heapEnd = server.probe.heapAfterFullGc();
            Sample end = sampler.sampleNow();
            sampler.close();
            double busy = cpu.busyPercentSinceLast();

            long messages = tally.messages.sum();
            checks.figure(String.format("messages %d, done %d (%d tokens), Ollama kills %d, retries sent %d, "
                            + "errors by code %s", messages, tally.done.sum(), tally.tokens.sum(), ollama.kills.get(),
                    tally.retries.sum(), tally.errorCodes()));
            checks.figure(String.format("drops mid-reply %d, connections closed by the server %d; resumed: continuing "
                            + "%d, from seq 0 %d, ended while away %d, failed while away %d, resume_failed %d; "
                            + "resets %d, connect failures %d", tally.drops.sum(), tally.serverClosed.sum(),
                    tally.resumedContinuing.sum(), tally.resumedFromZero.sum(), tally.resumedAfterEnd.sum(),
                    tally.resumedPending.sum(), tally.resumeFailed.sum(), tally.resets.sum(),
                    tally.connectFailures.sum()));
            for (String f : List.of("rss", "heap used", "open files", "threads", "upstream conns")) {
                checks.figure(summary(sampler, f, warmup).toString());
            }
            checks.figure("sessions held at the end " + Health.field(server.healthzBody(), "sessions")
                    + ", connections " + Health.field(server.healthzBody(), "connections"));
            checks.figure("heap after full GC: after warm-up " + Figures.bytes(heapWarm) + ", end "
                    + Figures.bytes(heapEnd));
            checks.figure("after " + quiet.toSeconds() + " s quiet: open files " + end.openFiles() + " (before the users "
                    + before.openFiles() + "), threads " + end.threads() + ", upstream conns " + end.upstream());
            checks.figure(String.format("machine: %.0f%% of both cores busy on average during the soak, load average"
                    + " max %.2f; server log %s", busy, sampler.maxLoad(), Figures.bytes(server.logBytes())));
            tally.examples().forEach(e -> checks.figure("example: " + e));

            checks.check("server up at the end", server.alive() && server.healthz() == 200, "");
            checks.check("every message ends in a final frame", tally.noFinalFrame.sum() == 0 && stuck == 0
                            && tally.brokenStream.sum() == 0 && tally.cancelled.sum() == 0,
                    tally.noFinalFrame.sum() + " without one, " + tally.brokenStream.sum() + " broken streams, "
                            + tally.cancelled.sum() + " cancelled, " + stuck + " users still waiting");
            checks.check("every failed message succeeds on retry", tally.retrySucceeded.sum()
                            == tally.failedMessages.sum() && tally.nonRetryable.sum() == 0,
                    tally.retrySucceeded.sum() + " of " + tally.failedMessages.sum() + " failed messages; "
                            + tally.nonRetryable.sum() + " non-retryable errors");
            checks.check("every reply text exact (resumed ones too)", tally.wrongText.sum() == 0
                            && tally.resumeFailed.sum() == 0 && tally.resumedMessages.sum() > 0,
                    tally.exactText.sum() + " of " + tally.done.sum() + " exact; resumed messages exact "
                            + tally.resumedMessagesExact.sum() + " of " + tally.resumedMessages.sum());
            checks.check("Ollama was killed and came back", ollama.kills.get() >= Math.max(1,
                    duration.toSeconds() / killEvery.toSeconds() - 1) && tally.done.sum() > 0, ollama.kills.get()
                    + " kills");
            checks.check("heap flat (after full GC, end vs after warm-up)", heapEnd >= 0 && heapWarm >= 0
                    && heapEnd <= heapWarm * 1.3 + 16 * 1024 * 1024, Figures.bytes(heapWarm) + " -> "
                    + Figures.bytes(heapEnd));
            checks.check("open files back to where they started (connections to Ollama not counted)",
                    end.openFiles() - Math.max(0, end.upstream()) <= before.openFiles() + 10,
                    before.openFiles() + " -> " + end.openFiles() + " with " + end.upstream() + " to Ollama");
            Sampler.Summary threadsSeen = summary(sampler, "threads", warmup);
            checks.check("threads flat", end.threads() <= threadsSeen.afterWarmup() + 4,
                    threadsSeen.afterWarmup() + " after warm-up -> " + end.threads());
            if (quiet.toSeconds() > 20) {
                checks.check("connections to Ollama closed once idle", end.upstream() <= 2, "max "
                        + summary(sampler, "upstream conns", warmup).max() + " during the run, " + end.upstream()
                        + " after " + quiet.toSeconds() + " s quiet (--parallel " + parallel + ")");
            }
            return checks;
        }
    }

    /** Prints a line of progress every minute until the users stop starting messages. */
    private static void progress(SoakTally tally, long stop, OllamaStandIn ollama) throws InterruptedException {
        while (System.nanoTime() < stop) {
            Thread.sleep(Math.min(60_000, Math.max(1, (stop - System.nanoTime()) / 1_000_000)));
            System.out.printf("   [%s] %d messages, %d done, %d failed then retried, %d drops, %d kills, load %.2f%n",
                    java.time.LocalTime.now().withNano(0), tally.messages.sum(), tally.done.sum(),
                    tally.failedMessages.sum(), tally.drops.sum(), ollama.kills.get(), MachineLoad.loadAverage());
        }
    }

    static Sampler.Summary summary(Sampler sampler, String name, double warmup) {
        return switch (name) {
            case "rss" -> sampler.summary(name, Sample::rssBytes, warmup, true);
            case "heap used" -> sampler.summary(name, Sample::heapUsedBytes, warmup, true);
            case "open files" -> sampler.summary(name, Sample::openFiles, warmup, false);
            case "threads" -> sampler.summary(name, Sample::threads, warmup, false);
            case "upstream conns" -> sampler.summary(name, Sample::upstream, warmup, false);
            default -> throw new IllegalArgumentException(name);
        };
    }

}
