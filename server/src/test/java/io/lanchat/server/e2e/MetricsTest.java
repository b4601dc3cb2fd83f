package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ReplyDone;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** GET /metrics speaks Prometheus text format, and its values follow what happens. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class MetricsTest {

    @Test
    void metricsFollowConnectionsTokensRepliesAndErrors() throws Exception {
        try (ServerFixture fixture = ServerFixture.start()) {
            fixture.ollama.setReply(call -> Collections.nCopies(7, "x "));

            // Most likely before the registry is set up (a second after start): counted all the same.
            try (TestClient client = fixture.connect()) {
                client.send(new ChatRequest("c1", "count"));
                client.awaitFrame(ReplyDone.class);
                client.send(new ChatRequest("c2", "hi", "no-such-model:1b", null));
                client.awaitFrame(ErrorMessage.class);

                String after = scrape(fixture);
                assertThat(value(after, "lanchat_backend_up")).isEqualTo(1);
                assertThat(value(after, "lanchat_connections")).isEqualTo(1);
                assertThat(value(after, "lanchat_tokens_relayed_total")).isEqualTo(7);
                assertThat(value(after, "lanchat_first_token_seconds_count")).isEqualTo(1);
                assertThat(value(after, "lanchat_queue_wait_seconds_count")).isEqualTo(1);
                assertThat(value(after, "lanchat_generation_speed_tokens_per_second_count")).isEqualTo(1);
                assertThat(value(after, "lanchat_errors_total{code=\"model_not_found\"}")).isEqualTo(1);
                assertThat(value(after, "lanchat_queue_length")).isEqualTo(0);
            }
            // The gauge follows the connection going away (it used to be checked as 0 before connecting).
            ServerFixture.await(() -> fixture.server.clients().size() == 0, "connection gone");
            assertThat(value(scrape(fixture), "lanchat_connections")).isEqualTo(0);
        }
    }

    /** Scrapes, waiting out the 503 (with Retry-After) of the first moments after start. */
    private static String scrape(ServerFixture fixture) throws Exception {
        HttpResponse<String> response;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + fixture.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 503 || System.nanoTime() > deadline) {
                break;
            }
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            Thread.sleep(100);
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return response.body();
    }

    /** The value of the first sample whose name (and labels, if given) starts the line. */
    private static double value(String exposition, String sample) {
        String name = sample.contains("{") ? sample.substring(0, sample.indexOf('{')) : sample;
        String labels = sample.contains("{") ? sample.substring(sample.indexOf('{') + 1, sample.length() - 1) : null;
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(exposition);
        while (line.find()) {
            if (labels == null || (line.group(1) != null && line.group(1).contains(labels))) {
                return Double.parseDouble(line.group(2));
            }
        }
        throw new AssertionError("no sample " + sample + " in:\n" + exposition);
    }
}
