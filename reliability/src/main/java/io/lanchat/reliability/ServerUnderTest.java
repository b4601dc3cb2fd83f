package io.lanchat.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real server in its own process, its stdout and stderr redirected to a log file (whose size the fuzz run
 * reports), bound to 127.0.0.1 on a free port, ready once {@code /healthz} answers 200.
 */
final class ServerUnderTest implements AutoCloseable {
    final Process process;
    final int port;
    final Path log;
    final ProcessProbe probe;
    /** The SQLite folder made for this server (deleted on close), or null when the flags named one. */
    private final Path ownDataDir;

    private ServerUnderTest(Process process, int port, Path log, Path ownDataDir) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.ownDataDir = ownDataDir;
        this.probe = new ProcessProbe(process.pid());
    }

    /**
     * @param launch  {@code -jar PATH} or {@code -cp CLASSPATH io.lanchat.server.ServerMain}
     * @param jvmOpts JVM options for the server
     * @param flags   server flags; {@code --bind 127.0.0.1 --port P} are added, and {@code --data-dir} a new
     *                temporary folder unless the flags name a data dir or {@code --database none}: the server's
     *                default (./lanchat-data, relative to the working directory) would leave a database in the
     *                module's folder after every run
     */
    static ServerUnderTest start(List<String> launch, List<String> jvmOpts, List<String> flags, Path log)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOpts);
        command.addAll(launch);
        command.addAll(flags);
        command.addAll(List.of("--bind", "127.0.0.1", "--port", Integer.toString(port)));
        Path ownDataDir = null;
        if (needsDataDir(flags)) {
            ownDataDir = Files.createTempDirectory("lanchat-reliability-data");
            command.addAll(List.of("--data-dir", ownDataDir.toString()));
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (healthz(port) != 200) {
            if (!process.isAlive()) {
                deleteTree(ownDataDir);
                throw new IOException("the server exited with " + process.exitValue() + " before it was ready; see "
                        + log);
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                deleteTree(ownDataDir);
                throw new IOException("the server was not ready within 60 s; see " + log);
            }
            Thread.sleep(20);
        }
        return new ServerUnderTest(process, port, log, ownDataDir);
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return probe.getLocalPort();
        }
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Status of {@code GET /healthz}, -1 when it does not answer within 2 s. */
    int healthz() {
        return healthz(port);
    }

    static int healthz(int port) {
        String response = get(port, "/healthz", 2_000);
        return response != null && response.startsWith("HTTP/1.1 ") && response.length() >= 12
                ? Integer.parseInt(response.substring(9, 12)) : -1;
    }

    /** The body of {@code GET /healthz}, or "" when it does not answer. */
    String healthzBody() {
        String response = get(port, "/healthz", 2_000);
        int body = response == null ? -1 : response.indexOf("\r\n\r\n");
        return body < 0 ? "" : response.substring(body + 4);
    }

    /** Waits until {@code /healthz} reports Ollama available (or not). */
    boolean awaitOllama(boolean available, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (healthzBody().contains("\"available\":" + available)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static String get(int port, String path, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    long logBytes() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return -1;
        }
    }

    /** SIGTERM (the server's graceful shutdown), killed if it takes longer than 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                System.out.println("   the server did not stop within 30 s of SIGTERM; killing it");
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (!process.isAlive()) {
            deleteTree(ownDataDir);
        }
    }

    /** Whether the flags leave the SQLite folder to the server's default (none named, a store not turned off). */
    static boolean needsDataDir(List<String> flags) {
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            if (flag.equals("--data-dir") || flag.startsWith("--data-dir=") || flag.equals("--database=none")
                    || (flag.equals("--database") && i + 1 < flags.size() && flags.get(i + 1).equals("none"))) {
                return false;
            }
        }
        return true;
    }

    /** Deletes a folder made for a server and everything in it; a file that will not go is left behind. */
    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
