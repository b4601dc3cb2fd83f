package io.lanchat.server.durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real entry point ({@code ServerMain}) as its own JVM on the test classpath: started, its output kept, its
 * port found in the "listening on" line, and killed with SIGKILL the way an OOM killer or a power switch would.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)/");
    private static final long START_SECONDS = 30;

    private final Process process;
    private final StringBuilder log = new StringBuilder();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Thread reader;

    private ServerProcess(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), "io.lanchat.server.ServerMain"));
        command.addAll(args);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        reader = new Thread(this::follow, "server-process-log");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the server with {@code args} and waits (with a deadline) until it listens. */
    static ServerProcess start(List<String> args) throws Exception {
        ServerProcess server = new ServerProcess(args);
        try {
            server.port.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            server.process.destroyForcibly();
            throw new AssertionError("the server did not start within " + START_SECONDS + " s: " + e
                    + "\nits output:\n" + server.logTail(), e);
        }
        return server;
    }

    int port() {
        return port.join();
    }

    long pid() {
        return process.pid();
    }

    /**
     * Sends SIGKILL ({@code kill -9}: no shutdown hook, no flush, no close) and waits for the process to be gone.
     *
     * @return the exit value, 137 (128 + 9) when SIGKILL ended it
     */
    int kill9() throws Exception {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            process.destroyForcibly();      // also SIGKILL on Linux (ProcessImpl.destroy(true))
        }
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            throw new AssertionError("the server process outlived SIGKILL for 15 s");
        }
        reader.join(5_000);
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last part of what the server printed. */
    String logTail() {
        synchronized (log) {
            return log.substring(Math.max(0, log.length() - 6_000));
        }
    }

    /** The lines the server logged at WARN or ERROR. */
    List<String> warnings() {
        synchronized (log) {
            return log.toString().lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
        }
    }

    /** How many lines of output the server printed so far. */
    long logLines() {
        synchronized (log) {
            return log.chars().filter(c -> c == '\n').count();
        }
    }

    /** Ends the process gracefully (SIGTERM) within a deadline, else forcibly. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void follow() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (log) {
                    log.append(line).append('\n');
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        } finally {
            port.completeExceptionally(new IllegalStateException("the server's output ended before it listened"));
        }
    }
}
