package io.lanchat.server.multi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx in the foreground on a free loopback port, with a site configuration inside a minimal
 * {@code nginx.conf} whose files all live in a temporary directory. Skips the calling test where nginx is not
 * installed ({@code .ci/run} installs it).
 */
final class Nginx implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/nginx");
    private static final long START_SECONDS = 10;
    private static final long LOG_SECONDS = 10;

    private final Process process;
    private final Path dir;
    private final int port;

    private Nginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** A free loopback port for the site's {@code listen}. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts nginx with {@code site} (a {@code server} block and what it needs) listening on {@code port}. */
    static Nginx start(String site, int port) throws Exception {
        assumeTrue(Files.isExecutable(BINARY), "nginx is not installed (apt-get install nginx)");
        Path dir = Files.createTempDirectory("lanchat-nginx");
        StringBuilder conf = new StringBuilder("daemon off;\nworker_processes 1;\npid ")
                .append(dir.resolve("nginx.pid")).append(";\nerror_log ").append(dir.resolve("error.log"))
                .append(" warn;\nevents { worker_connections 256; }\nhttp {\n")
                // Which instance each owner key reached: the tests read it to check the routing.
                .append("  log_format routes '$arg_owner_key $upstream_addr';\n  access_log ")
                .append(dir.resolve("access.log")).append(" routes;\n");
        for (String temp : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
            conf.append("  ").append(temp).append("_temp_path ").append(dir.resolve(temp)).append(";\n");
        }
        conf.append(site).append("\n}\n");
        Files.writeString(dir.resolve("nginx.conf"), conf);
        Process process = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-c",
                dir.resolve("nginx.conf").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Nginx nginx = new Nginx(process, dir, port);
        try {
            nginx.awaitListening();
        } catch (Exception | AssertionError e) {
            nginx.close();
            throw e;
        }
        return nginx;
    }

    int port() {
        return port;
    }

    /**
     * The upstream port the connections presenting {@code ownerKey} were proxied to, as nginx logged them when they
     * closed; waits (within a deadline) until {@code count} of them are logged.
     */
    List<Integer> upstreamsOf(String ownerKey, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOG_SECONDS);
        while (true) {
            Path log = dir.resolve("access.log");
            List<Integer> ports = !Files.exists(log) ? List.of() : Files.readAllLines(log).stream()
                    .map(line -> line.split(" "))
                    .filter(fields -> fields.length == 2 && fields[0].equals(ownerKey))
                    .map(fields -> Integer.parseInt(fields[1].substring(fields[1].lastIndexOf(':') + 1)))
                    .toList();
            if (ports.size() >= count) {
                return ports;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nginx logged " + ports.size() + " of " + count + " connections within "
                        + LOG_SECONDS + " s");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String readIfThere(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new AssertionError("nginx exited: " + readIfThere("stdout.log") + readIfThere("error.log"));
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nginx did not listen on " + port + " within " + START_SECONDS + " s");
    }
}
