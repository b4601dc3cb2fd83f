package io.lanchat.server.multi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real entry point ({@code ServerMain}) in a JVM of its own, on the test JVM's classpath, on a free loopback
 * port; its output is kept for failure messages. {@link #close()} stops it with SIGTERM and then, past a deadline,
 * kills it.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)/");
    private static final long START_SECONDS = 30;
    private static final long STOP_SECONDS = 15;

    private final Process process;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final StringBuilder log = new StringBuilder();

    private ServerProcess(List<String> command) throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(this::follow, "server-process-log");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a server with short Ollama probe intervals and the given flags; does not wait for it. */
    static ServerProcess launch(String ollamaUri, String... flags) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.lanchat.server.ServerMain", "--bind", "127.0.0.1", "--port", "0", "--ollama-host", ollamaUri,
                "--model", "llama3:8b", "--probe-interval", "100ms", "--probe-max-backoff", "200ms", "--probe-timeout", "5s",
                "--shutdown-grace", "1s"));
        command.addAll(List.of(flags));
        return new ServerProcess(command);
    }

    /** The port it listens on, once it does (within a deadline). */
    int port() throws InterruptedException {
        try {
            return port.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the server did not start within " + START_SECONDS + " s:\n" + log(), e);
        }
    }

    String log() {
        synchronized (log) {
            return log.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();                                           // SIGTERM: the shutdown hook closes the store
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
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
            port.completeExceptionally(new IllegalStateException("the server exited"));
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
    }
}
