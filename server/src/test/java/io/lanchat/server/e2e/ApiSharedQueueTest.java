package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.standin.ChatCall;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A script on the Ollama API and a person on the page wait in one fair queue; the person sees their place. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class ApiSharedQueueTest {
    private static final String PAGE_TOKEN = "page-user-token-0123";
    private static final String SCRIPT_TOKEN = "script-token-0123456";
    private final HttpClient http = HttpClient.newHttpClient();
    private final CountDownLatch release = new CountDownLatch(1);
    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start("--access-tokens", "page:" + PAGE_TOKEN + ",script:" + SCRIPT_TOKEN,
                "--parallel", "1", "--api-port", "0");
        fixture.ollama.setTokenDelay(Duration.ofMillis(30));
        fixture.ollama.setReply(call -> {
            if (call.lastUserContent().equals("api1")) {
                awaitQuietly(release);      // holds the one slot until everybody is in line
            }
            return Collections.nCopies(8, call.lastUserContent() + " ");
        });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        fixture.close();
    }

    @Test
    void aPageUserWaitsBehindOneScriptRequestNotBehindAllOfThem() throws Exception {
        TestClient page = TestClient.connect(fixture.port(), PAGE_TOKEN);
        CompletableFuture<HttpResponse<String>> api1 = chatByApi("api1");
        ServerFixture.await(() -> fixture.server.scheduler().running() == 1, "api1 generating");
        CompletableFuture<HttpResponse<String>> api2 = chatByApi("api2");
        ServerFixture.await(() -> fixture.server.scheduler().queueLength() == 1, "api2 waiting");
        CompletableFuture<HttpResponse<String>> api3 = chatByApi("api3");
        ServerFixture.await(() -> fixture.server.scheduler().queueLength() == 2, "api3 waiting");

        try (page) {
            page.send(new ChatRequest("p", "page1"));

            ReplyPhase phase = page.nextPhase();
            assertThat(phase.phase()).isEqualTo(ReplyPhase.Phase.QUEUED);
            assertThat(phase.position()).isEqualTo(1);         // ahead of the script's two waiting requests
            release.countDown();
            page.awaitFrame(ReplyDone.class);
        }
        for (var answer : List.of(api1, api2, api3)) {
            assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(fixture.ollama.chatCalls()).extracting(ChatCall::lastUserContent)
                .containsExactly("api1", "page1", "api2", "api3");
    }

    private CompletableFuture<HttpResponse<String>> chatByApi(String prompt) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + fixture.server.apiPort() + "/api/chat"))
                .header("Authorization", "Bearer " + SCRIPT_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama3:8b\",\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"" + prompt + "\"}]}"))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
