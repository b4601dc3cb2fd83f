package io.lanchat.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Samples the server every few seconds on a daemon thread for the length of a scenario, and summarises each
 * figure as start / min / max / end, plus the reading at the end of the warm-up so a leak can be told from the
 * initial growth.
 */
final class Sampler implements AutoCloseable {
    private final ProcessProbe probe;
    private final int ollamaPort;
    private final long periodMillis;
    private final long startNanos = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    Sampler(ProcessProbe probe, int ollamaPort, long periodMillis) {
        this.probe = probe;
        this.ollamaPort = ollamaPort;
        this.periodMillis = periodMillis;
        this.thread = new Thread(this::loop, "sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            sampleNow();
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Takes one sample now (also usable for a mark the scenario wants, e.g. after everything went quiet). */
    Sample sampleNow() {
        Sample s = Sample.take((System.nanoTime() - startNanos) / 1e9, probe, ollamaPort);
        synchronized (samples) {
            samples.add(s);
        }
        return s;
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** start / min / max / end (and the first reading at or after {@code warmupSeconds}) of one figure. */
    record Summary(String name, long start, long afterWarmup, long min, long max, long end, boolean bytes) {
        @Override
        public String toString() {
            return String.format("%-20s start %s, after warm-up %s, min %s, max %s, end %s", name, f(start),
                    f(afterWarmup), f(min), f(max), f(end));
        }

        private String f(long v) {
            return bytes ? Figures.bytes(v) : Long.toString(v);
        }
    }

    Summary summary(String name, ToLongFunction<Sample> figure, double warmupSeconds, boolean bytes) {
        List<Sample> all = samples().stream().filter(s -> figure.applyAsLong(s) >= 0).toList();
        if (all.isEmpty()) {
            return new Summary(name, -1, -1, -1, -1, -1, bytes);
        }
        Sample warm = all.stream().filter(s -> s.seconds() >= warmupSeconds).findFirst()
                .orElse(all.get(all.size() - 1));
        return new Summary(name, figure.applyAsLong(all.get(0)), figure.applyAsLong(warm),
                all.stream().mapToLong(figure).min().orElse(-1), all.stream().mapToLong(figure).max().orElse(-1),
                figure.applyAsLong(all.get(all.size() - 1)), bytes);
    }

    /** The highest load average seen. */
    double maxLoad() {
        return samples().stream().mapToDouble(Sample::loadAverage).max().orElse(-1);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
