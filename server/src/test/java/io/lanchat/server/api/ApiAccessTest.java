package io.lanchat.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tokens, limits and a busy queue, as API clients meet them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class ApiAccessTest {
    private static final String ALICE = "alice-token-0123456789";
    private static final String ADMIN = "admin-token-0123456789";
    private static final String CHAT = "{\"model\":\"llama3:8b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void withTokensEveryRequestButTheProbeNeedsOne() throws Exception {
        try (ApiFixture fixture = ApiFixture.start("--access-tokens", "alice:" + ALICE + ",root:" + ADMIN + ":admin")) {
            HttpResponse<String> none = fixture.post("/api/chat", CHAT);
            HttpResponse<String> wrong = send(fixture, "/api/tags", "wrong-token-0123456789", null);
            HttpResponse<String> right = send(fixture, "/api/tags", ALICE, null);
            HttpResponse<String> probe = fixture.get("/");
            HttpResponse<String> pullByUser = send(fixture, "/api/pull", ALICE, "{\"model\":\"x\"}");

            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(OllamaApiTest.parse(none.body()).path("error").asText()).startsWith("unauthorized");
            assertThat(none.headers().firstValue("www-authenticate")).hasValue("Bearer");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(probe.statusCode()).isEqualTo(200);
            assertThat(pullByUser.statusCode()).isEqualTo(403);
            assertThat(OllamaApiTest.parse(pullByUser.body()).path("error").asText()).contains("admin token");
            assertThat(fixture.ollama.chatCalls()).isEmpty();
        }
    }

    @Test
    void anAdminTokenMayManageModels() throws Exception {
        try (ApiFixture fixture = ApiFixture.start("--access-tokens", "root:" + ADMIN + ":admin")) {
            HttpResponse<String> pull = send(fixture, "/api/pull", ADMIN, "{\"model\":\"phi3:mini\",\"stream\":false}");

            assertThat(pull.statusCode()).isEqualTo(200);
            assertThat(OllamaApiTest.parse(pull.body()).path("status").asText()).isEqualTo("success");
        }
    }

    @Test
    void aFullQueueIsA503WithRetryAfterNotAHiddenWait() throws Exception {
        try (ApiFixture fixture = ApiFixture.start("--parallel", "1", "--api-max-wait", "0")) {
            fixture.ollama.setTokenDelay(Duration.ofMillis(100));
            fixture.ollama.setReply(call -> Collections.nCopies(100, "w "));
            HttpResponse<InputStream> first = fixture.http.send(fixture.request("/api/chat")
                    .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(first.statusCode()).isEqualTo(200);           // it holds the one slot

            HttpResponse<String> second = fixture.post("/api/chat", CHAT);

            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("retry-after")).hasValueSatisfying(
                    s -> assertThat(Long.parseLong(s)).isPositive());
            assertThat(OllamaApiTest.parse(second.body()).path("error").asText()).startsWith("server busy");
            first.body().close();
        }
    }

    @Test
    void theClientRateLimitIsTheOneThePageCounts() throws Exception {
        try (ApiFixture fixture = ApiFixture.start("--client-messages-per-minute", "2")) {
            assertThat(fixture.post("/api/chat", CHAT).statusCode()).isEqualTo(200);
            assertThat(fixture.post("/api/chat", CHAT).statusCode()).isEqualTo(200);

            HttpResponse<String> third = fixture.post("/api/chat", CHAT);

            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("retry-after")).isPresent();
            assertThat(fixture.ollama.chatCalls()).hasSize(2);
        }
    }

    private static HttpResponse<String> send(ApiFixture fixture, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = fixture.request(path).header("Authorization", "Bearer " + token);
        request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
        return fixture.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
