package io.lanchat.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Without access tokens the usage (addresses included) is shown only to the server's own machine. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class UsageEndpointTest {

    @Test
    void withoutTokensOnlyThisMachineSeesTheUsageByAddress() throws Exception {
        try (ApiFixture fixture = ApiFixture.start("--trusted-proxies", "127.0.0.1")) {
            fixture.ollama.setReply(call -> List.of("a", "b"));
            assertThat(fixture.post("/api/chat", "{\"model\":\"qwen2.5:0.5b\",\"stream\":false,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode()).isEqualTo(200);

            HttpResponse<String> local = fixture.get("/api/usage");
            HttpResponse<String> proxied = fixture.http.send(fixture.request("/api/usage")
                    .header("X-Forwarded-For", "192.168.1.9").GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> posted = fixture.http.send(fixture.request("/api/usage")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(local.statusCode()).isEqualTo(200);
            JsonNode row = OllamaApiTest.parse(local.body()).path("usage").get(0);
            assertThat(row.path("user").asText()).isEqualTo("127.0.0.1");
            assertThat(row.path("door").asText()).isEqualTo("api");
            assertThat(row.path("model").asText()).isEqualTo("qwen2.5:0.5b");
            assertThat(row.path("generated_tokens").asLong()).isEqualTo(2);
            assertThat(proxied.statusCode()).isEqualTo(403);
            assertThat(OllamaApiTest.parse(proxied.body()).path("error").asText()).startsWith("forbidden");
            assertThat(posted.statusCode()).isEqualTo(405);
        }
    }
}
