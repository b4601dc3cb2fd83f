package io.lanchat.server.api;

import io.lanchat.server.ChatServer;
import io.lanchat.server.config.ConfigLoader;
import io.lanchat.standin.StandInOllama;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The real server with its API on a free port, in front of a stand-in Ollama with two models. */
final class ApiFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);
    final StandInOllama ollama;
    final ChatServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

    private ApiFixture(StandInOllama ollama, String... extraArgs) throws Exception {
        this.ollama = ollama;
        List<String> args = new ArrayList<>(List.of(
                "--bind", "127.0.0.1", "--port", "0", "--api-port", "0",
                "--ollama-host", ollama.baseUri().toString(), "--database", "none",
                "--probe-interval", "100ms", "--probe-max-backoff", "200ms", "--probe-timeout", "5s"));
        args.addAll(Arrays.asList(extraArgs));
        this.server = ChatServer.start(ConfigLoader.load(args.toArray(String[]::new), name -> null));
    }

    /** Waits until the server's monitors see {@code count} backends up. */
    void awaitBackendsUp(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Integer.valueOf(count).equals(server.backends().state().status().backendsUp())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count + " backends never seen up");
            }
            Thread.sleep(10);
        }
    }

    static ApiFixture start(String... extraArgs) throws Exception {
        StandInOllama ollama = StandInOllama.start();
        ollama.setModels("llama3:8b", "qwen2.5:0.5b");
        return startOn(ollama, extraArgs);
    }

    /** The server in front of {@code ollama} (closed with the fixture); more backends can come in the arguments. */
    static ApiFixture startOn(StandInOllama ollama, String... extraArgs) throws Exception {
        ApiFixture fixture = new ApiFixture(ollama, extraArgs);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!fixture.server.backends().isAvailable()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Ollama never seen up");
            }
            Thread.sleep(10);
        }
        return fixture;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.apiPort() + path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(WAIT);
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String tempDir() throws Exception {
        return Files.createTempDirectory("lanchat-api").toString();
    }

    @Override
    public void close() {
        server.close();
        ollama.close();
    }
}
