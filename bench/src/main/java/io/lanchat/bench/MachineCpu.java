package io.lanchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the whole machine's CPUs did between two readings of {@code /proc/stat}, in cores: so that a run can say
 * how much of the two cores other work (not the server, not this generator) took while it measured.
 */
record MachineCpu(long busyTicks, long stealTicks, long totalTicks, long serverNanos, long generatorNanos,
                  long wallNanos) {
    private static final long NANOS_PER_TICK = 10_000_000L;

    /** A reading now, with the server's and this process's CPU time so far. */
    static MachineCpu now(ServerProcess server) throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long user = Long.parseLong(f[1]) + Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        return new MachineCpu(user + system, steal, user + system + idle + steal, server.cpuNanos(),
                ServerProcess.ownCpuNanos(), System.nanoTime());
    }

    /** Cores busy on average since {@code before}: {server, generator, everything else, stolen by the host}. */
    double[] since(MachineCpu before) {
        double wall = Math.max(1, wallNanos - before.wallNanos);
        double server = (serverNanos - before.serverNanos) / wall;
        double generator = (generatorNanos - before.generatorNanos) / wall;
        double busy = (busyTicks - before.busyTicks) * NANOS_PER_TICK / wall;
        double steal = (stealTicks - before.stealTicks) * NANOS_PER_TICK / wall;
        return new double[] {server, generator, Math.max(0, busy - server - generator), steal};
    }

    /** The figures of {@link #since} as text and as metrics of {@code entry}. */
    static String describe(double[] cores, Results.Entry entry) {
        entry.metric("serverCpuCores", round(cores[0])).metric("generatorCpuCores", round(cores[1]))
                .metric("otherCpuCores", round(cores[2])).metric("stealCpuCores", round(cores[3]));
        return String.format(java.util.Locale.ROOT, "CPU (cores): server %.2f, generator %.2f, other processes %.2f,"
                + " stolen by the host %.2f", cores[0], cores[1], cores[2], cores[3]);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
