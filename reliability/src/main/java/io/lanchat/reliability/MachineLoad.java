package io.lanchat.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU use, since the suite shares two cores with other people's builds: the 1-minute load
 * average, and the busy share of all cores between two readings of {@code /proc/stat}.
 */
final class MachineLoad {
    private long busy;
    private long total;

    MachineLoad() {
        long[] t = read();
        busy = t[0];
        total = t[1];
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Percentage of all cores' time spent busy since the last call (or construction). */
    double busyPercentSinceLast() {
        long[] t = read();
        double pct = t[1] == total ? 0 : 100.0 * (t[0] - busy) / (t[1] - total);
        busy = t[0];
        total = t[1];
        return pct;
    }

    private static long[] read() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < f.length; i++) {
                all += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {all - idle, all};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
