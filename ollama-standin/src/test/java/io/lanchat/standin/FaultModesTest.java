package io.lanchat.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class FaultModesTest {

    private final StandInOllama ollama = StandInOllama.start();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void errorMidStreamEndsWithAnErrorLineUnder200AndNoDoneLine() throws Exception {
        ollama.setFault(Fault.ERROR_MID_STREAM);
        List<String> lines = streamLines();

        assertThat(lines).hasSize(3);
        assertThat(lines.subList(0, 2)).allSatisfy(line -> assertThat(line).contains("\"done\":false"));
        assertThat(lines.get(2)).isEqualTo("{\"error\":\"an error was encountered while running the model\"}\n");
    }

    @Test
    void legacyErrorIsTheFirstAndOnlyNdjsonLineUnder200() throws Exception {
        ollama.setFault(Fault.ERROR_FIRST_LINE_LEGACY);
        try (RawHttp http = RawHttp.connect(ollama)) {
            RawHttp.Head head = http.send("POST", "/api/chat", Http.chat("tinyllama", "hi")).readHead();

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-type")).isEqualTo("application/x-ndjson");
            assertThat(lines(http.readAllChunks())).singleElement().satisfies(line ->
                    assertThat(Http.json(line).get("error").asText()).startsWith("model runner has unexpectedly stopped"));
        }
    }

    @Test
    void http500AndHttp503AreRealStatusesWithOllamasExactBodies() throws Exception {
        ollama.setFault(Fault.HTTP_500);
        HttpResponse<String> crashed = Http.post(ollama, "/api/chat", Http.chat("tinyllama", "hi"));
        ollama.setFault(Fault.HTTP_503_BUSY);
        HttpResponse<String> busy = Http.post(ollama, "/api/chat", Http.chat("tinyllama", "hi"));

        assertThat(crashed.statusCode()).isEqualTo(500);
        assertThat(crashed.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(crashed.body()).isEqualTo("{\"error\":\"model runner has unexpectedly stopped, this may be due to "
                + "resource limitations or an internal error, check ollama server logs for details\"}");
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.body()).isEqualTo("{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}");
    }

    @Test
    void endWithoutDoneSendsAllContentThenACleanEnd() throws Exception {
        ollama.setFault(Fault.END_WITHOUT_DONE);
        List<String> lines = streamLines(); // streamLines requires the terminating chunk

        assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line).contains("\"done\":false"));
    }

    @Test
    void resetMidStreamDropsTheConnectionWithoutTheTerminatingChunk() throws Exception {
        ollama.setFault(Fault.RESET_MID_STREAM);
        try (RawHttp http = RawHttp.connect(ollama)) {
            http.send("POST", "/api/chat", Http.chat("tinyllama", "hi")).readHead();
            http.readChunk();
            http.readChunk();

            assertThatThrownBy(http::readChunk).isInstanceOf(IOException.class);
        }
    }

    @Test
    void resetMidStreamSurfacesAsAnIOExceptionInTheJdkClient() throws Exception {
        ollama.setFault(Fault.RESET_MID_STREAM);
        HttpResponse<InputStream> response = Http.client().send(
                Http.request(ollama, "/api/chat").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        Http.chat("tinyllama", "hi"))).build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void stallMidStreamGoesSilentAfterAFewChunksUntilStop() throws Exception {
        ollama.setFault(Fault.STALL_MID_STREAM);
        try (RawHttp http = RawHttp.connect(ollama)) {
            http.send("POST", "/api/chat", Http.chat("tinyllama", "hi")).readHead();
            http.readChunk();
            http.readChunk();
            http.setReadTimeout(200);
            assertThatThrownBy(http::read).isInstanceOf(SocketTimeoutException.class);
            assertThat(ollama.openStreams()).isEqualTo(1);

            http.setReadTimeout(5_000);
            ollama.stop();
            assertThat(StreamingChatTest.readUntilClosed(http)).isTrue();
        }
    }

    @Test
    void stalledRequestsWhoseClientsLeftDoNotBlockLaterRequestsForTheModel() throws Exception {
        for (Fault stall : new Fault[] {Fault.STALL_BEFORE_FIRST_TOKEN, Fault.STALL_MID_STREAM}) {
            ollama.setFault(stall);
            try (RawHttp abandoned = RawHttp.connect(ollama)) {
                abandoned.send("POST", "/api/chat", Http.chat("tinyllama", "hi"));
                if (stall == Fault.STALL_MID_STREAM) {
                    abandoned.readHead();
                    abandoned.readChunk();
                    abandoned.readChunk();
                }
            }
            ollama.setFault(Fault.NONE);

            HttpResponse<String> next = Http.post(ollama, "/api/chat", Http.chat("tinyllama", "next"));

            assertThat(next.statusCode()).as(stall.name()).isEqualTo(200);
        }
    }

    @Test
    void splitChunksCutsBytesAnywhereButReassemblesToValidUtf8Ndjson() throws Exception {
        ollama.setFault(Fault.SPLIT_CHUNKS);
        ollama.setTokenDelay(java.time.Duration.ZERO);
        try (RawHttp http = RawHttp.connect(ollama)) {
            http.send("POST", "/api/chat", Http.chat("tinyllama", "hi")).readHead();
            List<byte[]> chunks = http.readAllChunks();

            assertThat(chunks).hasSizeGreaterThan(50).allSatisfy(c -> assertThat(c.length).isBetween(1, 5));
            assertThat(chunks).anySatisfy(c -> assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(c))).isInstanceOf(CharacterCodingException.class));
            assertThat(chunks).anyMatch(c -> { // some piece straddles two lines
                int newline = new String(c, StandardCharsets.ISO_8859_1).indexOf('\n');
                return newline >= 0 && newline < c.length - 1;
            });
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            chunks.forEach(all::writeBytes);
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(all.toByteArray())).toString();
            StringBuilder reply = new StringBuilder();
            List<JsonNode> objects = new ArrayList<>();
            for (String line : text.split("\n")) {
                objects.add(Http.json(line));
            }
            objects.forEach(o -> reply.append(o.at("/message/content").asText()));
            assertThat(text).endsWith("\n");
            assertThat(reply).hasToString("héllo wörld — 日本語 🦙 You said: hi (turn 1)");
            assertThat(objects.get(objects.size() - 1).get("done").asBoolean()).isTrue();
        }
    }

    @Test
    void malformedLineFollowsAFewChunksAndIsNotJson() throws Exception {
        ollama.setFault(Fault.MALFORMED_LINE);
        List<String> lines = streamLines();

        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).isEqualTo("{\"model\":\"tinyllama\",\n");
        assertThatThrownBy(() -> Http.json(lines.get(2))).isInstanceOf(JsonProcessingException.class);
    }

    /** The lines of a stream that ends with the terminating chunk, each still ending in a newline. */
    private List<String> streamLines() throws IOException {
        try (RawHttp http = RawHttp.connect(ollama)) {
            RawHttp.Head head = http.send("POST", "/api/chat", Http.chat("tinyllama", "hi")).readHead();
            assertThat(head.status()).isEqualTo(200);
            return lines(http.readAllChunks());
        }
    }

    private static List<String> lines(List<byte[]> chunks) {
        List<String> lines = new ArrayList<>();
        for (String line : RawHttp.concat(chunks).split("(?<=\n)")) {
            lines.add(line);
        }
        return lines;
    }
}
