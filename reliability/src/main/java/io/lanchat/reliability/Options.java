package io.lanchat.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The suite's flags, {@code --name value} each; every scenario reads the ones it needs with its own default.
 * Durations are written like the server's ({@code 90s}, {@code 10m}, {@code 500ms}).
 */
final class Options {
    private static final Set<String> KNOWN = Set.of("--scenario", "--server-jar", "--server-cp", "--server-jvm",
            "--log-dir", "--seed", "--users", "--duration", "--kill-every", "--kill-down", "--tokens",
            "--token-size", "--token-delay", "--drop-chance", "--think-min", "--think-max", "--parallel",
            "--sample-every", "--warmup", "--frames", "--connections", "--max-log-bytes", "--serve-within",
            "--reply-tokens", "--reply-token-size", "--read-rate", "--silent", "--max-connections",
            "--hold", "--message-deadline", "--quiet");

    private final Map<String, String> values = new HashMap<>();

    static Options parse(String... args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            if (!KNOWN.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + KNOWN);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + args[i]);
            }
            o.values.put(args[i], args[++i]);
        }
        if (!o.values.containsKey("--server-jar") && !o.values.containsKey("--server-cp")) {
            throw new IllegalArgumentException("say how to start the server: --server-jar PATH or --server-cp CP");
        }
        return o;
    }

    String scenario() {
        return string("--scenario", "all");
    }

    List<String> serverLaunch() {
        String jar = values.get("--server-jar");
        return jar != null ? List.of("-jar", jar)
                : List.of("-cp", values.get("--server-cp"), "io.lanchat.server.ServerMain");
    }

    List<String> serverJvm() {
        String s = string("--server-jvm", "-Xmx512m").trim();
        return s.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(s.split("\\s+")));
    }

    Path logDir() {
        return Path.of(string("--log-dir", "reliability-results"));
    }

    long seed() {
        return values.containsKey("--seed") ? Long.parseLong(values.get("--seed")) : System.nanoTime();
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name).replace("_", "")) : fallback;
    }

    long longValue(String name, long fallback) {
        return values.containsKey(name) ? Long.parseLong(values.get(name).replace("_", "")) : fallback;
    }

    double decimal(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    Duration duration(String name, Duration fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException(name + ": write a duration like 90s, 10m or 500ms");
        };
    }
}
