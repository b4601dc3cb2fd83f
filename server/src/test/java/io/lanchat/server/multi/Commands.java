package io.lanchat.server.multi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an administrator's shell command (the ones docs/storage.md shows) with a deadline; its output or a failure. */
final class Commands {
    private static final long SECONDS = 60;

    private Commands() {
    }

    /** {@code sh -c script}; fails with its output unless it exits 0 in time. */
    static String sh(String script) throws IOException, InterruptedException {
        return run(List.of("sh", "-c", script));
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("lanchat-command", ".log");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + SECONDS + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " failed (" + process.exitValue() + "):\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Single-quoted for sh. */
    static String quote(Object value) {
        return "'" + value.toString().replace("'", "'\\''") + "'";
    }
}
