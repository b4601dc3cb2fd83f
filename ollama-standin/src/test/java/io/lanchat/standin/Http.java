package io.lanchat.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The JDK HTTP client (HTTP/1.1, as our server talks to Ollama) with a few shortcuts for tests. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Http() {
    }

    static HttpClient client() {
        return CLIENT;
    }

    static HttpRequest.Builder request(StandInOllama standIn, String path) {
        return HttpRequest.newBuilder(URI.create(standIn.baseUri() + path)).timeout(Duration.ofSeconds(10));
    }

    static HttpResponse<String> get(StandInOllama standIn, String path) throws IOException, InterruptedException {
        return CLIENT.send(request(standIn, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(StandInOllama standIn, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return CLIENT.send(request(standIn, path).method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(StandInOllama standIn, String path, String body)
            throws IOException, InterruptedException {
        return send(standIn, "POST", path, body);
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    /** A chat request body with one user message. */
    static String chat(String model, String userText) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + userText + "\"}]}";
    }
}
