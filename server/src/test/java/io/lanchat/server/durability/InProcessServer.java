package io.lanchat.server.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanchat.server.ChatServer;
import io.lanchat.server.config.ConfigLoader;
import io.lanchat.standin.StandInOllama;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The real server in this JVM on a free port, in front of a stand-in Ollama the caller owns, with its
 * {@code /healthz} and {@code /metrics} a GET away.
 */
final class InProcessServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final ChatServer server;

    private InProcessServer(ChatServer server) {
        this.server = server;
    }

    /** Starts with {@code extraArgs} (e.g. {@code --database URL}) and waits until Ollama is seen up. */
    static InProcessServer start(StandInOllama ollama, String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--bind", "127.0.0.1", "--port", "0",
                "--ollama-host", ollama.baseUri().toString(), "--model", "llama3:8b",
                "--probe-interval", "100ms", "--probe-max-backoff", "200ms",
                "--messages-per-minute", "10000", "--client-messages-per-minute", "10000",
                "--requests-per-minute", "10000"));
        args.addAll(Arrays.asList(extraArgs));
        InProcessServer started = new InProcessServer(ChatServer.start(ConfigLoader.load(args.toArray(String[]::new),
                name -> null)));
        await(() -> started.server.backends().isAvailable(), "Ollama seen up", Duration.ofSeconds(10));
        return started;
    }

    int port() {
        return server.port();
    }

    WsUser connect(String ownerKey) throws Exception {
        return WsUser.connect(port(), ownerKey);
    }

    /** The {@code store} section of {@code GET /healthz}. */
    JsonNode storeHealth() throws Exception {
        return JSON.readTree(get("/healthz")).path("store");
    }

    /** The body of {@code GET path}. */
    String get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        // Just after a start /metrics answers 503 "still starting" for a moment: wait for it, with a deadline.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** The value of a metric line without labels in {@code /metrics}, e.g. {@code lanchat_store_ok}. */
    double metric(String name) throws Exception {
        for (String line : get("/metrics").split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError("no metric " + name + " in /metrics");
    }

    /** Waits until {@code condition} holds; fails after {@code deadline}. Returns how long it took. */
    static Duration await(BooleanSupplier condition, String what, Duration deadline) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > deadline.toNanos()) {
                throw new AssertionError("timed out after " + deadline + " waiting for " + what);
            }
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        server.close();
    }
}
