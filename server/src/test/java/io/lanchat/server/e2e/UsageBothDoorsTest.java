package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ReplyDone;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chats from the page and from the API are counted in the same usage, per user, model and door, in /metrics
 * and in GET /api/usage (admin tokens only); never the prompts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class UsageBothDoorsTest {
    private static final String PAGE = "page-user-token-0123";
    private static final String SCRIPT = "script-token-0123456";
    private static final String ROOT = "root-token-012345678";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void pageAndApiChatsShowInTheUsageEndpointAndMetrics() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--access-tokens",
                "page:" + PAGE + ",script:" + SCRIPT + ",root:" + ROOT + ":admin", "--api-port", "0")) {
            fixture.ollama.setReply(call -> List.of("one", " two", " three"));
            try (TestClient page = TestClient.connect(fixture.port(), PAGE)) {
                page.send(new ChatRequest("p", "secret page prompt"));
                page.awaitFrame(ReplyDone.class);
            }
            HttpResponse<String> api = send(fixture, "/api/chat", SCRIPT, "{\"model\":\"llama3:8b\",\"stream\":false,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"secret api prompt\"}]}");
            assertThat(api.statusCode()).isEqualTo(200);

            ServerFixture.await(() -> metric(fixture, "lanchat_usage_generated_tokens_total{door=\"page\"", "user=\"page\"}") == 3,
                    "the page's reply counted in /metrics");
            HttpResponse<String> usage = send(fixture, "/api/usage", ROOT, null);

            assertThat(usage.statusCode()).isEqualTo(200);
            JsonNode rows = JsonMapper.builder().build().readTree(usage.body()).path("usage");
            JsonNode pageRow = row(rows, "page", "page");
            assertThat(pageRow.path("requests").asLong()).isEqualTo(1);
            assertThat(pageRow.path("generated_tokens").asLong()).isEqualTo(3);
            assertThat(pageRow.path("prompt_tokens").asLong()).isPositive();
            assertThat(pageRow.has("queue_wait_seconds")).isTrue();
            assertThat(pageRow.path("generation_seconds").asDouble()).isPositive();
            JsonNode apiRow = row(rows, "script", "api");
            assertThat(apiRow.path("model").asText()).isEqualTo("llama3:8b");
            assertThat(apiRow.path("requests").asLong()).isEqualTo(1);
            assertThat(apiRow.path("generated_tokens").asLong()).isEqualTo(3);
            assertThat(usage.body()).doesNotContain("secret");
            assertThat(metric(fixture, "lanchat_usage_requests_total{door=\"api\"", "user=\"script\"}")).isEqualTo(1);
            assertThat(metric(fixture, "lanchat_usage_requests_total{door=\"page\"", "user=\"page\"}")).isEqualTo(1);
        }
    }

    @Test
    void onlyAdminTokensSeeTheUsage() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--access-tokens",
                "script:" + SCRIPT + ",root:" + ROOT + ":admin", "--api-port", "0")) {
            assertThat(send(fixture, "/api/usage", SCRIPT, null).statusCode()).isEqualTo(403);
            assertThat(send(fixture, "/api/usage", null, null).statusCode()).isEqualTo(401);
            assertThat(send(fixture, "/api/usage", ROOT, null).statusCode()).isEqualTo(200);
        }
    }

    private static JsonNode row(JsonNode rows, String user, String door) {
        for (JsonNode row : rows) {
            if (row.path("user").asText().equals(user) && row.path("door").asText().equals(door)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + user + " by " + door + " in " + rows);
    }

    private HttpResponse<String> send(ServerFixture fixture, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + fixture.server.apiPort() + path)).timeout(TestClient.WAIT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(body == null ? "GET" : "POST",
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the series whose labels start and end as given (the model label between), or -1. */
    private double metric(ServerFixture fixture, String start, String end) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + fixture.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(start) + ",model=\"[^\"]*\"," + Pattern.quote(end)
                    + " (\\S+)$").matcher(response.body());
            return response.statusCode() == 200 && m.find() ? Double.parseDouble(m.group(1)) : -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
