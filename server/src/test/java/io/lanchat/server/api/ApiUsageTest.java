package io.lanchat.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each user's use of the API shows in /metrics, by model, with Ollama's token counts. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class ApiUsageTest {
    private static final String TOKEN = "ada-token-0123456789";

    @Test
    void countsRequestsTokensAndTimesPerUserAndModel() throws Exception {
        try (ApiFixture fixture = ApiFixture.start("--access-tokens", "ada:" + TOKEN)) {
            fixture.ollama.setReply(call -> List.of("one", " two", " three"));
            for (String body : List.of(
                    "{\"model\":\"llama3:8b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    "{\"model\":\"llama3:8b\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")) {
                HttpResponse<String> answer = fixture.http.send(fixture.request("/api/chat")
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);
            }

            String labels = "door=\"api\",model=\"llama3:8b\",user=\"ada\"";
            String metrics = awaitMetric(fixture, "lanchat_usage_generated_tokens_total{" + labels + "}", 6);

            assertThat(value(metrics, "lanchat_usage_requests_total{" + labels + "}")).isEqualTo(2);
            assertThat(value(metrics, "lanchat_usage_prompt_tokens_total{" + labels + "}")).isPositive();
            assertThat(value(metrics, "lanchat_usage_queue_wait_seconds_count{" + labels + "}")).isEqualTo(2);
            assertThat(value(metrics, "lanchat_usage_generation_time_seconds_count{" + labels + "}")).isEqualTo(2);
            assertThat(metrics).doesNotContain("\"hi\"");
        }
    }

    private static String awaitMetric(ApiFixture fixture, String series, double expected) throws Exception {
        long deadline = System.nanoTime() + ApiFixture.WAIT.toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = fixture.http.send(HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + fixture.server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            text = response.body();
            if (response.statusCode() == 200 && value(text, series) == expected) {
                return text;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + series + " " + expected + " in\n" + text);
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
