package io.lanchat.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class StreamingChatTest {

    private final StandInOllama ollama = StandInOllama.start();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void streamsChunkedNdjsonWithOneFlushedLinePerChunkAndAFinalMetricsLine() throws Exception {
        try (RawHttp http = RawHttp.connect(ollama)) {
            RawHttp.Head head = http.send("POST", "/api/chat", Http.chat("TinyLlama", "hello there")).readHead();
            List<byte[]> chunks = http.readAllChunks();

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-type")).isEqualTo("application/x-ndjson");
            assertThat(head.chunked()).isTrue();
            assertThat(head.header("content-length")).isNull();
            List<JsonNode> lines = new ArrayList<>();
            for (byte[] chunk : chunks) {
                String text = new String(chunk, StandardCharsets.UTF_8);
                assertThat(text).endsWith("\n").containsOnlyOnce("\n"); // one line per flush
                lines.add(Http.json(text));
            }
            List<JsonNode> content = lines.subList(0, lines.size() - 1);
            JsonNode last = lines.get(lines.size() - 1);
            StringBuilder reply = new StringBuilder();
            for (JsonNode chunk : content) {
                assertThat(chunk.get("model").asText()).isEqualTo("TinyLlama"); // echoed as sent
                assertThat(chunk.get("done").asBoolean()).isFalse();
                assertThat(chunk.get("message").get("role").asText()).isEqualTo("assistant");
                assertThat(chunk.has("eval_count")).isFalse();
                assertThat(chunk.has("done_reason")).isFalse();
                reply.append(chunk.get("message").get("content").asText());
            }
            assertThat(reply).hasToString("You said: hello there (turn 1)");
            assertThat(last.get("done").asBoolean()).isTrue();
            assertThat(last.get("done_reason").asText()).isEqualTo("stop");
            assertThat(last.get("message").get("content").asText()).isEmpty();
            for (String metric : List.of("total_duration", "load_duration", "prompt_eval_count",
                    "prompt_eval_duration", "eval_count", "eval_duration")) {
                assertThat(last.get(metric).isIntegralNumber()).as(metric).isTrue();
                assertThat(last.get(metric).asLong()).as(metric).isPositive();
            }
            assertThat(last.get("eval_count").asInt()).isEqualTo(content.size());
        }
    }

    @Test
    void finalLineKeepsOllamasFieldOrder() throws Exception {
        try (RawHttp http = RawHttp.connect(ollama)) {
            http.send("POST", "/api/chat", Http.chat("tinyllama", "x")).readHead();
            List<byte[]> chunks = http.readAllChunks();
            String last = new String(chunks.get(chunks.size() - 1), StandardCharsets.UTF_8);

            assertThat(last).matches("\\{\"model\":\"tinyllama\",\"created_at\":\"[^\"]+\","
                    + "\"message\":\\{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\","
                    + "\"total_duration\":\\d+,\"load_duration\":\\d+,\"prompt_eval_count\":\\d+,"
                    + "\"prompt_eval_duration\":\\d+,\"eval_count\":\\d+,\"eval_duration\":\\d+}\n");
        }
    }

    @Test
    void createdAtIsUtcRfc3339WithAVaryingNumberOfFractionDigits() throws Exception {
        ollama.setReply(call -> DefaultReply.split("one two three four five six seven eight nine ten eleven"));
        try (RawHttp http = RawHttp.connect(ollama)) {
            http.send("POST", "/api/chat", Http.chat("tinyllama", "count")).readHead();
            Set<Integer> fractionLengths = new HashSet<>();
            for (byte[] chunk : http.readAllChunks()) {
                String createdAt = Http.json(new String(chunk, StandardCharsets.UTF_8)).get("created_at").asText();
                assertThat(OffsetDateTime.parse(createdAt).getOffset()).isEqualTo(ZoneOffset.UTC);
                assertThat(createdAt).endsWith("Z").doesNotContain(".Z");
                int dot = createdAt.indexOf('.');
                if (dot >= 0) {
                    assertThat(createdAt).doesNotEndWith("0Z"); // Go trims trailing zeros of the fraction
                }
                fractionLengths.add(dot < 0 ? 0 : createdAt.length() - dot - 2);
            }
            assertThat(fractionLengths).hasSizeGreaterThan(2).allMatch(n -> n >= 0 && n <= 9);
        }
    }

    @Test
    void defaultReplyShowsTheTurnNumberSoTestsCanSeeTheHistoryArrived() throws Exception {
        String body = "{\"model\":\"tinyllama\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"User\",\"content\":\"first\"},"
                + "{\"role\":\"assistant\",\"content\":\"You said: first (turn 1)\"},"
                + "{\"role\":\"user\",\"content\":\"second  question\"}]}";
        try (RawHttp http = RawHttp.connect(ollama)) {
            http.send("POST", "/api/chat", body).readHead();
            List<byte[]> chunks = http.readAllChunks();
            List<String> pieces = new ArrayList<>();
            for (byte[] chunk : chunks.subList(0, chunks.size() - 1)) {
                pieces.add(Http.json(new String(chunk, StandardCharsets.UTF_8)).get("message").get("content").asText());
            }

            assertThat(pieces).containsExactly("You", " said:", " second", "  question", " (turn 2)");
        }
        ChatCall call = ollama.chatCalls().get(0);
        assertThat(call.messages()).extracting(Message::role).containsExactly("system", "user", "assistant", "user");
        assertThat(call.lastUserContent()).isEqualTo("second  question");
        assertThat(call.stream()).isTrue();
        assertThat(call.rawBody()).isEqualTo(body);
    }

    @Test
    void customReplyTokensGoOutOneChunkEachWithGoStyleHtmlEscaping() throws Exception {
        ollama.setReply(call -> List.of("<think>", "a & b", "\u2028"));
        try (RawHttp http = RawHttp.connect(ollama)) {
            http.send("POST", "/api/chat", Http.chat("tinyllama", "hi")).readHead();
            List<byte[]> chunks = http.readAllChunks();

            assertThat(chunks).hasSize(4);
            assertThat(new String(chunks.get(0), StandardCharsets.UTF_8)).contains("\"content\":\"\\u003cthink\\u003e\"");
            assertThat(new String(chunks.get(1), StandardCharsets.UTF_8)).contains("\"content\":\"a \\u0026 b\"");
            assertThat(new String(chunks.get(2), StandardCharsets.UTF_8)).contains("\"content\":\"\\u2028\"");
            assertThat(Http.json(new String(chunks.get(0), StandardCharsets.UTF_8)).at("/message/content").asText())
                    .isEqualTo("<think>");
        }
    }

    @Test
    void headersAreNotSentBeforeTheLoadDelayHasPassed() throws Exception {
        Duration loadDelay = Duration.ofMillis(300);
        ollama.setLoadDelay(loadDelay);
        try (RawHttp http = RawHttp.connect(ollama)) {
            long sent = System.nanoTime();
            RawHttp.Head head = http.send("POST", "/api/chat", Http.chat("tinyllama", "hi")).readHead();
            long waited = System.nanoTime() - sent;

            assertThat(head.status()).isEqualTo(200);
            assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(loadDelay);
            JsonNode first = Http.json(new String(http.readChunk(), StandardCharsets.UTF_8));
            assertThat(first.get("done").asBoolean()).isFalse(); // the first token came with the headers
            http.readAllChunks();
        }
    }

    @Test
    void acceptsAnyContentTypeAndIgnoresUnknownFields() throws Exception {
        var response = Http.client().send(Http.request(ollama, "/api/chat")
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"tinyllama\",\"future_field\":{\"x\":1},\"options\":{\"temperature\":0,\"seed\":42},"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"images\":[]}]}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().lines()).last().satisfies(line -> assertThat(Http.json(line).get("done").asBoolean()).isTrue());
        assertThat(ollama.chatCalls().get(0).options()).containsEntry("temperature", 0).containsEntry("seed", 42);
    }

    @Test
    void stalledStreamSendsNoHeadersUntilStopDropsTheConnection() throws Exception {
        ollama.setFault(Fault.STALL_BEFORE_FIRST_TOKEN);
        try (RawHttp http = RawHttp.connect(ollama)) {
            http.send("POST", "/api/chat", Http.chat("tinyllama", "hi"));
            http.setReadTimeout(200);
            assertThatThrownBy(http::read).isInstanceOf(SocketTimeoutException.class);

            http.setReadTimeout(5_000);
            ollama.stop();
            assertThat(readUntilClosed(http)).isTrue();
        }
    }

    /** True when the connection ended (EOF or reset) without any byte arriving. */
    static boolean readUntilClosed(RawHttp http) {
        try {
            return http.read() == -1;
        } catch (java.io.IOException e) {
            return !(e instanceof SocketTimeoutException);
        }
    }
}
