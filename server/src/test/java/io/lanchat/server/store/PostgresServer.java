package io.lanchat.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster for tests, from Debian's binaries ({@code /usr/lib/postgresql/N/bin}, installed by
 * {@code .ci/run}): initdb into a temporary directory, listening on a free loopback port only, trust authentication
 * (nothing else can reach it), fsync off. PostgreSQL refuses to run as root, so as root its commands run through
 * {@code runuser} as the {@code postgres} user that Debian's package creates (else {@code nobody}), which owns the
 * directory. It can be stopped and started again on the same port, which is how tests take the database away.
 * Every wait has a deadline.
 *
 * <pre>{@code
 * static PostgresServer pg;
 * @BeforeAll static void start() { pg = PostgresServer.startOrSkip(); }
 * @AfterAll static void stop() { pg.close(); }
 * ... ConversationStores.open(pg.createDatabase(), dir) ...
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final long COMMAND_SECONDS = 90;
    private static final String SUPERUSER = "lanchat";

    private final Path bin;
    private final Path dir;
    private final String runAs;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();
    private Thread shutdownHook;
    private boolean running;

    private PostgresServer(Path bin, Path dir, String runAs, int port) {
        this.bin = bin;
        this.dir = dir;
        this.runAs = runAs;
        this.port = port;
    }

    /** The newest installed version's bin directory holding initdb and pg_ctl, if any. */
    public static Optional<Path> binaries() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> version(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Creates and starts a cluster; skips the calling test (class) when PostgreSQL is not installed. */
    public static PostgresServer startOrSkip() {
        Optional<Path> bin = binaries();
        Assumptions.assumeTrue(bin.isPresent(), "PostgreSQL is not installed (no initdb and pg_ctl under "
                + DEBIAN_ROOT + "/*/bin; .ci/run installs Debian's postgresql package)");
        PostgresServer server = create(bin.get());
        server.start();
        return server;
    }

    /** Runs initdb in a new temporary directory; not started yet. */
    public static PostgresServer create(Path bin) {
        try {
            Path dir = Files.createTempDirectory("lanchat-pg-");
            String runAs = null;
            if ("root".equals(System.getProperty("user.name"))) {
                runAs = unprivilegedUser();
                Files.setOwner(dir, FileSystems.getDefault().getUserPrincipalLookupService()
                        .lookupPrincipalByName(runAs));
            }
            PostgresServer server = new PostgresServer(bin, dir, runAs, freePort());
            server.run(List.of(bin.resolve("initdb").toString(), "-D", server.data().toString(), "-U", SUPERUSER,
                    "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server (again) and waits until it accepts connections. */
    public synchronized void start() {
        String options = "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=" + dir
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", dir.resolve("postgres.log")
                .toString(), "-w", "-t", "60", "-o", options, "start"));
        running = true;
        if (shutdownHook == null) {
            // A test JVM that dies without @AfterAll must not leave a postgres behind.
            shutdownHook = new Thread(this::stopQuietly, "postgres-server-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Stops the server (fast mode: open connections are cut, as when a database host goes away). */
    public synchronized void stop() {
        if (running) {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "-t", "60",
                    "stop"));
            running = false;
        }
    }

    /** The URL of the cluster's {@code postgres} database, as its superuser. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    public int port() {
        return port;
    }

    /** Creates a fresh, empty database and returns its URL. */
    public String createDatabase() {
        String name = "test_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl() + "&connectTimeout=10");
             Statement s = c.createStatement()) {
            s.setQueryTimeout(60);
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /** Stops the server and deletes its directory. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or about to: it stops the server itself
                }
            }
            deleteTree(dir);
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException ignored) {
            // best effort at JVM exit
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (runAs != null) {
            full.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        full.addAll(command);
        Path output = dir.resolve("command.log");
        try {
            // To a file, not a pipe: pg_ctl's postmaster outlives the command and would hold a pipe open.
            Process p = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + COMMAND_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                        + Files.readString(output, StandardCharsets.UTF_8) + logTail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String logTail() throws IOException {
        Path log = dir.resolve("postgres.log");
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "\npostgres.log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static String unprivilegedUser() throws IOException {
        for (String name : new String[] {"postgres", "nobody"}) {
            try {
                UserPrincipal ignored = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
                return name;
            } catch (UserPrincipalNotFoundException e) {
                // try the next
            }
        }
        throw new IllegalStateException("running as root and neither a postgres nor a nobody user exists");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
