package io.lanchat.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class CancellationTest {

    private final StandInOllama ollama = StandInOllama.start();

    @BeforeEach
    void longReply() {
        // long enough that the client always leaves mid-stream
        ollama.setReply(call -> Collections.nCopies(2_000, " word"));
        ollama.setTokenDelay(Duration.ofMillis(2));
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void closingTheSocketMidStreamIsCountedAsACancellation() throws Exception {
        CompletableFuture<ChatCall> cancelled = ollama.nextCancellation();
        try (RawHttp http = RawHttp.connect(ollama)) {
            http.send("POST", "/api/chat", Http.chat("tinyllama", "stop me")).readHead();
            http.readChunk();
            assertThat(ollama.openStreams()).isEqualTo(1);
        }

        assertThat(cancelled.get(5, TimeUnit.SECONDS).lastUserContent()).isEqualTo("stop me");
        assertThat(ollama.cancelledStreams()).isEqualTo(1);
        assertThat(Await.until(() -> ollama.openStreams() == 0)).isTrue();
    }

    @Test
    void closingTheJdkClientsBodyStreamIsCountedAsACancellation() throws Exception {
        CompletableFuture<ChatCall> cancelled = ollama.nextCancellation();
        HttpResponse<InputStream> response = Http.client().send(Http.request(ollama, "/api/chat")
                .POST(HttpRequest.BodyPublishers.ofString(Http.chat("tinyllama", "hi"))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(body.read()).isEqualTo('{');
        }

        assertThat(cancelled.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(ollama.cancelledStreams()).isEqualTo(1);
    }

    @Test
    void aStreamEndedByStopIsNotACancellation() throws Exception {
        try (RawHttp http = RawHttp.connect(ollama)) {
            http.send("POST", "/api/chat", Http.chat("tinyllama", "hi")).readHead();
            http.readChunk();
            ollama.stop();
        }

        assertThat(Await.until(() -> ollama.openStreams() == 0)).isTrue();
        assertThat(ollama.cancelledStreams()).isZero();
    }

    @Test
    void aCompletedStreamIsNotACancellation() throws Exception {
        ollama.setReply(call -> List.of("short"));
        assertThat(Http.post(ollama, "/api/chat", Http.chat("tinyllama", "hi")).statusCode()).isEqualTo(200);

        assertThat(Await.until(() -> ollama.openStreams() == 0)).isTrue();
        assertThat(ollama.cancelledStreams()).isZero();
        assertThat(ollama.nextCancellation()).isNotDone();
    }
}
