package io.lanchat.client;

import io.lanchat.server.ChatServer;
import io.lanchat.server.config.ConfigLoader;
import io.lanchat.standin.StandInOllama;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The real LAN Chat server on a free port in front of a stand-in Ollama (models llama3:8b and qwen2.5:0.5b,
 * default llama3:8b), with quick probes; the server can be stopped and started again on the same port.
 */
final class LiveServer implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    final StandInOllama ollama;
    private final int port;
    private volatile ChatServer server;

    private LiveServer() throws InterruptedException {
        ollama = StandInOllama.start();
        ollama.setModels("llama3:8b", "qwen2.5:0.5b");
        server = startServer(0);
        port = server.port();
    }

    static LiveServer start() throws InterruptedException {
        LiveServer live = new LiveServer();
        live.awaitOllama(true);
        return live;
    }

    String url() {
        return "ws://127.0.0.1:" + port + "/ws";
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
        return ChatServer.start(ConfigLoader.load(new String[] {
                "--bind", "127.0.0.1", "--port", String.valueOf(port),
                "--ollama-host", ollama.baseUri().toString(), "--model", "llama3:8b",
                "--probe-interval", "100ms", "--probe-max-backoff", "200ms", "--probe-timeout", "3s",
                // Stopping the server stands for a crash here: no grace for replies in flight.
                "--shutdown-grace", "0s"}, name -> null));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();     // ChatServer.close() is not idempotent: a second call throws
        }
        ollama.close();
    }
}
