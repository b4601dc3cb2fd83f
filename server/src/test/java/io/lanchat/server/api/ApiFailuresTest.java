package io.lanchat.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.standin.Fault;
import io.lanchat.standin.StandInOllama;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What an API client sees when a backend fails, and what the queue does when a client leaves. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class ApiFailuresTest {
    private static final String CHAT = "{\"model\":\"llama3:8b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void aBackendWhoseOwnQueueIsFullHandsTheRequestToAnother() throws Exception {
        try (StandInOllama second = StandInOllama.start()) {
            second.setModels("llama3:8b");
            second.setReply(call -> List.of("from", " second"));
            ApiFixture fixture = null;
            try {
                StandInOllama first = StandInOllama.start();
                first.setModels("llama3:8b");
                first.setFault(Fault.HTTP_503_BUSY);
                fixture = startWith(first, second);

                HttpResponse<String> answer = fixture.post("/api/chat", CHAT.replace("}]}", "}],\"stream\":false}"));

                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(OllamaApiTest.parse(answer.body()).path("message").path("content").asText())
                        .isEqualTo("from second");
                assertThat(first.chatCalls()).hasSize(1);            // tried there first, refused with 503
                assertThat(second.chatCalls()).hasSize(1);
            } finally {
                if (fixture != null) {
                    fixture.close();
                }
            }
        }
    }

    @Test
    void aStreamCutByOllamaEndsWithAnErrorLine() throws Exception {
        try (ApiFixture fixture = ApiFixture.start()) {
            fixture.ollama.setReply(call -> List.of("a", "b", "c", "d"));
            fixture.ollama.setFault(Fault.RESET_MID_STREAM);

            HttpResponse<String> answer = fixture.post("/api/chat", CHAT);

            assertThat(answer.statusCode()).isEqualTo(200);
            List<String> lines = answer.body().lines().toList();
            assertThat(OllamaApiTest.parse(lines.get(0)).path("message").path("content").asText()).isEqualTo("a");
            assertThat(OllamaApiTest.parse(lines.get(lines.size() - 1)).path("error").asText())
                    .contains("dropped");
            assertThat(fixture.server.scheduler().running()).isZero();
        }
    }

    @Test
    void aClientThatLeavesWhileWaitingLeavesTheQueue() throws Exception {
        try (ApiFixture fixture = ApiFixture.start("--parallel", "1")) {
            fixture.ollama.setTokenDelay(Duration.ofMillis(50));
            fixture.ollama.setReply(call -> Collections.nCopies(100, "w "));
            HttpResponse<InputStream> first = fixture.http.send(fixture.request("/api/chat")
                    .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(), HttpResponse.BodyHandlers.ofInputStream());
            var waiting = fixture.http.sendAsync(fixture.request("/api/chat")
                    .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(), HttpResponse.BodyHandlers.ofString());
            await(() -> fixture.server.scheduler().queueLength() == 1);

            waiting.cancel(true);               // the JDK client closes the connection

            await(() -> fixture.server.scheduler().queueLength() == 0);
            first.body().close();
            await(() -> fixture.server.scheduler().running() == 0);
            assertThat(fixture.ollama.chatCalls()).hasSize(1);  // the one that left never reached Ollama
        }
    }

    private static ApiFixture startWith(StandInOllama first, StandInOllama second) throws Exception {
        ApiFixture fixture = ApiFixture.startOn(first, "--ollama-host", first.baseUri() + "," + second.baseUri());
        fixture.awaitBackendsUp(2);
        return fixture;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + ApiFixture.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition never met");
            }
            Thread.sleep(10);
        }
    }
}
