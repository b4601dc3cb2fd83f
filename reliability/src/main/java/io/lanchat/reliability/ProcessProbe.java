package io.lanchat.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a process from outside: resident memory, threads and open files from {@code /proc/PID}, heap use from
 * the JVM's performance-data file (cheap, every sample), and heap after a full collection through {@code jcmd}
 * (costly, only at the marks a scenario compares).
 */
final class ProcessProbe {
    private static final Pattern USED = Pattern.compile(
            "^\\s*(garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen|ZHeap|Shenandoah)"
                    + ".*?used (\\d+)K", Pattern.MULTILINE);

    final long pid;
    private final PerfData perf;

    ProcessProbe(long pid) {
        this.pid = pid;
        this.perf = new PerfData(pid);
    }

    /** VmRSS in bytes, -1 when the process is gone. */
    long rssBytes() {
        return statusField("VmRSS:") * 1024;
    }

    long threads() {
        return statusField("Threads:");
    }

    long openFiles() {
        try (var files = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return files.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Heap in use now (young and old generations), from the performance data; -1 when unavailable. */
    long heapUsedBytes() {
        return perf.heapUsed();
    }

    private long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** Runs a full GC in the process ({@code jcmd PID GC.run}) and returns the heap used after it; -1 on failure. */
    long heapAfterFullGc() {
        try {
            jcmd("GC.run");
            Matcher m = USED.matcher(jcmd("GC.heap_info"));
            long usedKb = 0;
            boolean found = false;
            while (m.find()) {
                usedKb += Long.parseLong(m.group(2));
                found = true;
            }
            return found ? usedKb * 1024 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String jcmd(String what) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), what).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + what + " failed: " + out);
        }
        return out;
    }
}
