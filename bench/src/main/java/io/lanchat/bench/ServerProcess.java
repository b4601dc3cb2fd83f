package io.lanchat.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under test, in its own process: started from its jar (or a classpath), timed from process start
 * until its port accepts and {@code /healthz} answers 200, and inspected from outside (RSS from
 * {@code /proc/PID/status}, heap used after a full GC through {@code jcmd}).
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern USED = Pattern.compile(
            "^\\s*(garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen|ZHeap|Shenandoah)"
                    + ".*?used (\\d+)K", Pattern.MULTILINE);

    final Process process;
    final int port;
    final long startToReadyNanos;
    final List<String> command;
    final Path log;
    /** The SQLite folder made for this server (deleted at close), or null when the flags named one. */
    private final Path ownDataDir;

    private ServerProcess(Process process, int port, long startToReadyNanos, List<String> command, Path log,
                          Path ownDataDir) {
        this.process = process;
        this.port = port;
        this.startToReadyNanos = startToReadyNanos;
        this.command = command;
        this.log = log;
        this.ownDataDir = ownDataDir;
    }

    /**
     * Starts the server and waits until it is ready.
     *
     * @param launch  {@code -jar PATH} or {@code -cp CLASSPATH io.lanchat.server.ServerMain}
     * @param jvmOpts JVM options for the server
     * @param args    server flags; {@code --port} and {@code --bind} are added, and {@code --data-dir} a new
     *                temporary folder unless they name a data dir or {@code --database none} (the server's default,
     *                ./lanchat-data in the working directory, would keep conversations from run to run)
     */
    static ServerProcess start(List<String> launch, List<String> jvmOpts, List<String> args, int port, Path log)
            throws IOException, InterruptedException {
        if (port == 0) {
            port = freePort();
        } else if (healthz(port, 200) != -1) {
            throw new IOException("something already answers on 127.0.0.1:" + port + "; choose another --server-port");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOpts);
        command.addAll(launch);
        command.addAll(args);
        command.addAll(List.of("--bind", "127.0.0.1", "--port", Integer.toString(port)));
        Path ownDataDir = null;
        if (needsDataDir(args)) {
            ownDataDir = Files.createTempDirectory("lanchat-bench-data");
            command.addAll(List.of("--data-dir", ownDataDir.toString()));
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        long start = System.nanoTime();
        Process process = builder.start();
        long deadline = start + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (!process.isAlive()) {
                deleteTree(ownDataDir);
                throw new IOException("the server exited with " + process.exitValue() + " before it was ready; see "
                        + log + ":\n" + Files.readString(log));
            }
            if (healthz(port, 200) == 200 && process.isAlive()) {
                long ready = System.nanoTime() - start;
                return new ServerProcess(process, port, ready, command, log, ownDataDir);
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                deleteTree(ownDataDir);
                throw new IOException("the server was not ready within 30 s; see " + log);
            }
            Thread.sleep(2);
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

    /** Deletes a folder and everything in it; a file that will not go is left behind (it is a temporary one). */
    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left behind in the temporary folder
        }
    }

    /** A port nobody listens on right now (the kernel's pick). */
    static int freePort() throws IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return probe.getLocalPort();
        }
    }

    long pid() {
        return process.pid();
    }

    /** HTTP status of {@code GET /healthz}, or -1 when the port does not accept or answer yet. */
    static int healthz(int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis * 5);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            int n = 0;
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) {
                    return -1;
                }
                n += r;
            }
            String status = new String(head, StandardCharsets.US_ASCII);
            return status.startsWith("HTTP/1.1 ") ? Integer.parseInt(status.substring(9, 12)) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The body of {@code GET /healthz}. */
    String healthzBody() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int body = response.indexOf("\r\n\r\n");
            return body < 0 ? "" : response.substring(body + 4);
        }
    }

    /** Waits until {@code /healthz} says Ollama is available (the first probe went through). */
    void awaitOllama(boolean available, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        String want = "\"available\":" + available;
        while (!healthzBody().contains(want)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the server did not see Ollama " + (available ? "up" : "down") + ": "
                        + healthzBody());
            }
            Thread.sleep(20);
        }
    }

    /** Resident set size in bytes ({@code VmRSS}). */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + pid());
    }

    /** CPU time (user + system) the server process has used so far, in nanoseconds (clock-tick resolution). */
    long cpuNanos() throws IOException {
        long[] split = cpuSplitNanos();
        return split[0] + split[1];
    }

    /** {user, system} CPU time of the server process so far, in nanoseconds. */
    long[] cpuSplitNanos() throws IOException {
        return cpuSplitNanos(pid());
    }

    /** {user, system} CPU time of a process so far, in nanoseconds. */
    static long[] cpuSplitNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[11]) * 10_000_000L, Long.parseLong(fields[12]) * 10_000_000L};
    }

    /** CPU time (user + system, nanoseconds) of each of the server's threads, by thread name (summed per name). */
    java.util.Map<String, Long> threadCpuNanos() throws IOException {
        java.util.Map<String, Long> cpu = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+$", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    cpu.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return cpu;
    }

    /** The threads that used the most CPU between two {@link #threadCpuNanos()} readings, as text. */
    static String topThreads(java.util.Map<String, Long> before, java.util.Map<String, Long> after, long wallNanos) {
        StringBuilder out = new StringBuilder();
        after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(6)
                .forEach(e -> out.append(String.format(java.util.Locale.ROOT, "%s %.2f, ", e.getKey(),
                        e.getValue() / (double) wallNanos)));
        return out.toString();
    }

    /** CPU time this (the load generator's) process has used so far, in nanoseconds. */
    static long ownCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /** Open file descriptors of the server process. */
    long openFiles() throws IOException {
        try (var files = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return files.count();
        }
    }

    /** Runs a full GC in the server ({@code jcmd PID GC.run}) and returns the heap used after it, in bytes. */
    long heapUsedAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = USED.matcher(info);
        long usedKb = 0;
        boolean found = false;
        while (m.find()) {
            usedKb += Long.parseLong(m.group(2));
            found = true;
        }
        if (!found) {
            throw new IOException("cannot read the heap use from jcmd GC.heap_info:\n" + info);
        }
        return usedKb * 1024;
    }

    String jcmd(String what) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), what).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + what + " failed: " + out);
        }
        return out;
    }

    /** Stops the server (SIGTERM: its graceful shutdown), killing it if it takes longer than 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
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
}
