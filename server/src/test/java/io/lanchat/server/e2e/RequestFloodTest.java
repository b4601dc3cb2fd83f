package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ReplyDone;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that sends requests and never reads must not make the server queue their answers without bound, and
 * one that keeps flooding is cut off, while everyone else is served.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class RequestFloodTest {
    /** The allowance's worth of answers (20 of about 30 kB each) and the write buffer's high-water mark, plus slack. */
    private static final long BOUND = 2L * 1024 * 1024;

    @Test
    void aClientThatFloodsAndNeverReadsMakesTheServerBufferBoundedBytes() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--requests-per-minute", "20")) {
            // A long model list makes each answer some 30 kB: the server writes far more than the client sends.
            fixture.ollama.setModels(Stream.concat(Stream.of("llama3:8b"),
                    IntStream.range(0, 299).mapToObj(i -> "model-number-" + i + ":latest")).toArray(String[]::new));
            ServerFixture.await(() -> fixture.server.backends().state().models().size() == 300, "300 models");
            try (RawWebSocket flooder = new RawWebSocket(fixture.port(), 4096)) {
                Thread flood = flood(flooder, "{\"type\":\"models\",\"id\":\"m\"}", 200_000);

                long largest = 0;
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
                while (System.nanoTime() < until) {
                    largest = Math.max(largest, fixture.server.clients().largestPendingOutboundBytes());
                    Thread.sleep(5);
                }

                System.out.println("largest pending outbound bytes for the flooding client: " + largest);
                assertThat(largest).as("bytes queued for a client that does not read").isLessThan(BOUND);
                try (TestClient bystander = fixture.connect()) {
                    bystander.send(new ChatRequest("b1", "am I served?"));
                    assertThat(bystander.awaitFrame(ReplyDone.class).id()).isEqualTo("b1");
                }
                flooder.close();
                flood.join(10_000);
            }
        }
    }

    /** Sends a frame {@code times} times from a thread of its own; closing the socket ends it. */
    private static Thread flood(RawWebSocket socket, String text, int times) {
        byte[] one = RawWebSocket.frame(RawWebSocket.TEXT, text.getBytes(StandardCharsets.UTF_8), true);
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            batch.writeBytes(one);
        }
        byte[] frames = batch.toByteArray();
        Thread flood = new Thread(() -> {
            try {
                for (int i = 0; i < times / 1000; i++) {
                    socket.sendBytes(frames);
                }
            } catch (IOException closed) {
                // by the server (1008) or by the test
            }
        }, "flood");
        flood.setDaemon(true);
        flood.start();
        return flood;
    }

    @Test
    void beyondTheAllowanceOneErrorThenSilenceThenA1008() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--requests-per-minute", "10");
             RawWebSocket raw = new RawWebSocket(fixture.port())) {
            raw.readTextContaining("\"hello\"");

            for (int i = 0; i < 25; i++) {
                raw.sendText("{\"type\":\"ping\",\"id\":\"p" + i + "\"}");
            }

            List<RawWebSocket.Frame> frames = raw.readUntilClosed();
            List<String> texts = frames.stream().filter(f -> f.opcode() == RawWebSocket.TEXT)
                    .map(f -> new String(f.payload(), StandardCharsets.UTF_8)).toList();
            assertThat(texts).filteredOn(t -> t.contains("\"pong\"")).hasSize(10);
            assertThat(texts).filteredOn(t -> t.contains("rate_limited")).singleElement().asString().contains("\"p10\"");
            assertThat(frames).filteredOn(f -> f.opcode() == RawWebSocket.CLOSE).map(RawWebSocket::closeCode)
                    .containsExactly(1008);
        }
    }
}
