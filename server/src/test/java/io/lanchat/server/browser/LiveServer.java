package io.lanchat.server.browser;

import io.lanchat.server.ChatServer;
import io.lanchat.server.config.ConfigLoader;
import io.lanchat.standin.StandInOllama;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The real server in front of a stand-in Ollama (or several, as several Ollama machines), with short probe
 * intervals so availability changes reach the page quickly. The server can be stopped and started again on the
 * same port, as after a restart on the LAN.
 */
final class LiveServer implements AutoCloseable {
    static final String DEFAULT_MODEL = "llama3:8b";
    static final String OTHER_MODEL = "qwen2.5:0.5b";

    /** The first (or only) Ollama machine. */
    final StandInOllama ollama;
    final List<StandInOllama> machines;
    private final String[] extraArgs;
    private ChatServer server;
    private int port;
    /** The SQLite folder, kept across {@link #startServerAgain()} as on a real machine. */
    private final java.nio.file.Path dataDir;

    private LiveServer(List<StandInOllama> machines, String[] extraArgs) throws InterruptedException {
        this.machines = machines;
        this.ollama = machines.get(0);
        this.extraArgs = extraArgs;
        try {
            this.dataDir = java.nio.file.Files.createTempDirectory("lanchat-data");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        startServer(0);
    }

    /** Starts a stand-in with two models installed and the server on a free port in front of it. */
    static LiveServer start(String... extraArgs) throws InterruptedException {
        return startWithMachines(1, extraArgs);
    }

    /** Starts {@code count} stand-ins, each with two models installed, and the server in front of all of them. */
    static LiveServer startWithMachines(int count, String... extraArgs) throws InterruptedException {
        List<StandInOllama> machines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StandInOllama ollama = StandInOllama.start();
            ollama.setModels(DEFAULT_MODEL, OTHER_MODEL);
            machines.add(ollama);
        }
        LiveServer live = new LiveServer(machines, extraArgs);
        Waits.until(() -> live.machinesUp() == count, "the server to see Ollama");
        return live;
    }

    /** How many Ollama machines the server sees as up. */
    int machinesUp() {
        Integer up = server.backends().state().status().backendsUp();
        return up == null ? 0 : up;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    int port() {
        return port;
    }

    ChatServer server() {
        return server;
    }

    /** Closes the server as at shutdown: every page gets close code 1001. */
    void stopServer() {
        server.close();
        server = null;
    }

    /** Starts a new server on the port the first one had. */
    void startServerAgain() throws InterruptedException {
        startServer(port);
        Waits.until(() -> machinesUp() == machines.size(), "the new server to see Ollama");
    }

    private void startServer(int requestedPort) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of(
                "--bind", "127.0.0.1", "--port", Integer.toString(requestedPort),
                "--ollama-host", machines.stream().map(m -> m.baseUri().toString()).collect(Collectors.joining(",")),
                "--model", DEFAULT_MODEL,
                "--probe-interval", "100ms", "--probe-max-backoff", "200ms", "--probe-timeout", "1s"));
        args.addAll(Arrays.asList(extraArgs));
        if (!args.contains("--database") && !args.contains("--data-dir")) {
            // A real SQLite file of its own for every test's server, so every browser test also runs the store.
            args.addAll(List.of("--data-dir", dataDir.toString()));
        }
        server = ChatServer.start(ConfigLoader.load(args.toArray(String[]::new), name -> null));
        port = server.port();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        machines.forEach(StandInOllama::close);
    }
}
