package io.lanchat.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class RoutesTest {

    private final StandInOllama ollama = StandInOllama.start();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void rootSaysOllamaIsRunningAsPlainText() throws Exception {
        HttpResponse<String> response = Http.get(ollama, "/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.body()).isEqualTo("Ollama is running");
    }

    @Test
    void headOnRootAnswers200WithoutABody() throws Exception {
        try (RawHttp http = RawHttp.connect(ollama)) {
            RawHttp.Head head = http.send("HEAD", "/", null).readHead();

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(head.header("content-length")).isEqualTo("17"); // what GET would send, as Go does
            // the connection stays usable: no body bytes were sent that would corrupt the next response
            assertThat(http.send("GET", "/api/version", null).readHead().status()).isEqualTo(200);
        }
        HttpResponse<Void> viaClient = Http.client().send(Http.request(ollama, "/")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(viaClient.statusCode()).isEqualTo(200);
    }

    @Test
    void versionIsARealisticSemver() throws Exception {
        HttpResponse<String> response = Http.get(ollama, "/api/version");

        assertThat(response.body()).isEqualTo("{\"version\":\"" + Knobs.DEFAULT_VERSION + "\"}");
        assertThat(Http.json(response.body()).get("version").asText()).matches("\\d+\\.\\d+\\.\\d+");
        ollama.setVersion("0.1.26");
        assertThat(Http.get(ollama, "/api/version").body()).isEqualTo("{\"version\":\"0.1.26\"}");
    }

    @Test
    void unknownPathIsGinsPlainText404() throws Exception {
        HttpResponse<String> response = Http.get(ollama, "/api/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(response.body()).isEqualTo("404 page not found");
    }

    @Test
    void wrongMethodOnAKnownPathIs405() throws Exception {
        HttpResponse<String> response = Http.get(ollama, "/api/chat");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).isEqualTo("405 method not allowed");
        assertThat(Http.post(ollama, "/api/tags", "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void trailingSlashRedirectsLikeGin() throws Exception {
        HttpResponse<String> get = Http.get(ollama, "/api/tags/");
        HttpResponse<String> post = Http.post(ollama, "/api/chat/", "{}");

        assertThat(get.statusCode()).isEqualTo(301);
        assertThat(get.headers().firstValue("Location")).hasValue("/api/tags");
        assertThat(post.statusCode()).isEqualTo(307);
    }
}
