package io.lanchat.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Counts the server's TCP connections to Ollama as the kernel sees them: established sockets in
 * {@code /proc/PID/net/tcp} and {@code tcp6} whose remote port is the stand-in's. (The stand-in's own accepted
 * sockets have it as their local port, so they are not counted.)
 */
final class UpstreamSockets {
    private static final String ESTABLISHED = "01";

    private UpstreamSockets() {
    }

    static long count(long pid, int ollamaPort) {
        String port = String.format(Locale.ROOT, ":%04X", ollamaPort);
        long n = 0;
        for (String table : List.of("tcp", "tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[2].endsWith(port) && f[3].equals(ESTABLISHED)) {
                        n++;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table
            }
        }
        return n;
    }
}
