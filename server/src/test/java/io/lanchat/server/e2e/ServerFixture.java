package io.lanchat.server.e2e;

import io.lanchat.server.ChatServer;
import io.lanchat.server.config.ConfigLoader;
import io.lanchat.standin.StandInOllama;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/** The real server on a free port in front of a stand-in Ollama, with short probe intervals for tests. */
final class ServerFixture implements AutoCloseable {
    final StandInOllama ollama;
    final ChatServer server;

    private ServerFixture(StandInOllama ollama, String... extraArgs) throws Exception {
        this.ollama = ollama;
        List<String> args = new ArrayList<>(List.of(
                "--bind", "127.0.0.1", "--port", "0",
                "--ollama-host", ollama.baseUri().toString(),
                "--model", "llama3:8b",
                "--probe-interval", "100ms", "--probe-max-backoff", "200ms", "--probe-timeout", "5s"));
        args.addAll(Arrays.asList(extraArgs));
        if (!args.contains("--database") && !args.contains("--data-dir")) {
            // A real SQLite file of its own for every server, so every end-to-end test also runs the store.
            args.addAll(List.of("--data-dir", java.nio.file.Files.createTempDirectory("lanchat-data").toString()));
        }
        this.server = ChatServer.start(ConfigLoader.load(args.toArray(String[]::new), name -> null));
    }

    /** Starts a stand-in with llama3:8b and qwen2.5:0.5b installed, and the server in front of it. */
    static ServerFixture start(String... extraArgs) throws Exception {
        StandInOllama ollama = StandInOllama.start();
        ollama.setModels("llama3:8b", "qwen2.5:0.5b");
        ServerFixture fixture = new ServerFixture(ollama, extraArgs);
        fixture.awaitOllama(true);
        return fixture;
    }

    int port() {
        return server.port();
    }

    TestClient connect() throws Exception {
        return TestClient.connect(server.port());
    }

    TestClient connectAsOwner(String ownerKey) throws Exception {
        return TestClient.connectAsOwner(server.port(), ownerKey);
    }

    /** Waits until the server's monitor sees Ollama as (un)available. */
    void awaitOllama(boolean available) throws InterruptedException {
        await(() -> server.backends().isAvailable() == available, "Ollama available=" + available);
    }

    /**
     * Waits until a probe that finished after this call found Ollama available. After a restart, a probe that ran
     * while the stand-in was down may still report it unavailable a moment later; a chat sent then is refused.
     */
    void awaitOllamaProbedUpAfterNow() throws InterruptedException {
        java.time.Instant now = java.time.Instant.now();
        await(() -> {
            var state = server.backends().backends().get(0).state();
            return state.status().available() && state.checkedAt() != null && state.checkedAt().isAfter(now)
                    && server.backends().isAvailable();     // admission reads the combined state, set just after
        }, "a probe after now to find Ollama up");
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        server.close();
        ollama.close();
    }
}
