package io.lanchat.client;

import io.lanchat.server.ChatServer;
import io.lanchat.server.config.ConfigLoader;
import io.lanchat.standin.StandInOllama;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The real LAN Chat server on a free port in front of a stand-in Ollama (models llama3:8b and qwen2.5:0.5b,
 * default llama3:8b), with quick probes; the server can be stopped and started again on the same port.
 */
final class LiveServer implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    final StandInOllama ollama;
    private final String[] extraArgs;
    private final int port;
    private volatile ChatServer server;

    /** The server running now (a restart replaces it). */
    ChatServer server() {
        return server;
    }

    private LiveServer(String[] extraArgs) throws InterruptedException {
        this.extraArgs = extraArgs;
        ollama = StandInOllama.start();
        ollama.setModels("llama3:8b", "qwen2.5:0.5b");
        server = startServer(0);
        port = server.port();
    }

    /** @param extraArgs more server options, e.g. {@code "--allow-pull", "true"} */
    static LiveServer start(String... extraArgs) throws InterruptedException {
        LiveServer live = new LiveServer(extraArgs);
        live.awaitOllama(true);
        return live;
    }

    String url() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    int port() {
        return port;
    }

    /** Waits until the server learned from Ollama's /api/show that {@code model} can think. */
    void awaitThinkingModel(String model) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server == null || server.backends().state().models().stream()
                .noneMatch(m -> m.name().equals(model) && m.has("thinking"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server never saw " + model + " as a thinking model");
            }
            Thread.sleep(10);
        }
    }

    /** Waits until the server learned from Ollama's /api/show the context length of {@code model}. */
    void awaitContextLength(String model, int tokens) throws InterruptedException {
        await(() -> server != null && server.backends().state().models().stream()
                .anyMatch(m -> m.name().equals(model) && Integer.valueOf(tokens).equals(m.contextLength())),
                model + " with context length " + tokens);
    }

    /** Stops the chat server (clients get close 1001); the stand-in keeps running. */
    void stopServer() {
        server.close();
        server = null;
    }

    /** A new chat server on the same port, as after a restart; it has no sessions. */
    void startServerAgain() throws InterruptedException {
        server = startServer(port);
        awaitOllama(true);
    }

    /** How many messages the server has stored in a session's history (0 for an unknown session). */
    int storedMessages(String sessionId) {
        return server.sessions().find(sessionId).map(session -> session.turns().size()).orElse(0);
    }

    /** Waits until the server's monitor sees Ollama as (un)available. */
    void awaitOllama(boolean available) throws InterruptedException {
        ChatServer running = server;
        await(() -> running.backends().isAvailable() == available, "Ollama available=" + available);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private ChatServer startServer(int port) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of(
                "--bind", "127.0.0.1", "--port", String.valueOf(port),
                "--ollama-host", ollama.baseUri().toString(), "--model", "llama3:8b",
                "--probe-interval", "100ms", "--probe-max-backoff", "200ms", "--probe-timeout", "3s",
                // Stopping the server stands for a crash here: no grace for replies in flight.
                "--shutdown-grace", "0s"));
        if (!List.of(extraArgs).contains("--database")) {
            // Memory-only unless a test asks for a store: the server's default (SQLite) would write to the cwd.
            args.addAll(List.of("--database", "none"));
        }
        args.addAll(List.of(extraArgs));
        return ChatServer.start(ConfigLoader.load(args.toArray(String[]::new), name -> null));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();     // ChatServer.close() is not idempotent: a second call throws
        }
        ollama.close();
    }
}
