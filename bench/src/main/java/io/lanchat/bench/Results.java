package io.lanchat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Appends one JSON line per scenario run to the results file, for {@link Report} to aggregate. */
final class Results {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final String label;
    private final Map<String, Object> always = new LinkedHashMap<>();
    private final java.util.List<Entry> written = new java.util.ArrayList<>();

    Results(Path file, String label) {
        this.file = file;
        this.label = label;
    }

    /** One scenario run: its parameters and what was measured. */
    static final class Entry {
        final String scenario;
        final Map<String, Object> params = new LinkedHashMap<>();
        final Map<String, Object> metrics = new LinkedHashMap<>();

        Entry(String scenario) {
            this.scenario = scenario;
        }

        Entry param(String key, Object value) {
            params.put(key, value);
            return this;
        }

        Entry metric(String key, Object value) {
            metrics.put(key, value);
            return this;
        }
    }

    /** A parameter recorded with every entry written from now on (e.g. the server's store); null removes it. */
    void always(String key, Object value) {
        if (value == null) {
            always.remove(key);
        } else {
            always.put(key, value);
        }
    }

    /** The entries this run wrote so far, in order (for a summary at the end of a run). */
    java.util.List<Entry> written() {
        return java.util.List.copyOf(written);
    }

    void write(Entry entry) throws IOException {
        always.forEach(entry.params::putIfAbsent);
        written.add(entry);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("scenario", entry.scenario);
        line.put("label", label);
        line.put("time", Instant.now().toString());
        line.put("load1", loadAverage());
        String busy = System.getenv("BENCH_BUSY_BEFORE");      // set by run-all.sh: % CPU busy just before
        if (busy != null) {
            line.put("busyBeforePercent", Integer.parseInt(busy.trim()));
        }
        line.put("generatorIo", BenchIo.name());
        line.put("params", entry.params);
        line.put("metrics", entry.metrics);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("  -> " + JSON.writeValueAsString(entry.metrics));
    }

    /** The 1-minute load average: what else the machine was doing, recorded with each result. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static double ms(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }
}
