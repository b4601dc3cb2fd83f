package io.lanchat.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class NumParallelTest {

    private final StandInOllama ollama = StandInOllama.start();

    @BeforeEach
    void endlessFirstReply() {
        // the first request's reply outlasts the test; only its client leaving ends it
        ollama.setReply(call -> call.lastUserContent().equals("first")
                ? Collections.nCopies(10_000, " a") : java.util.List.of("second"));
        ollama.setTokenDelay(Duration.ofMillis(5));
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void aSecondRequestForTheSameModelGetsNoHeadersUntilTheFirstEnds() throws Exception {
        try (RawHttp first = RawHttp.connect(ollama); RawHttp second = RawHttp.connect(ollama)) {
            first.send("POST", "/api/chat", Http.chat("tinyllama", "first")).readHead();
            first.readChunk();
            second.send("POST", "/api/chat", Http.chat("tinyllama:latest", "second"));
            second.setReadTimeout(300);
            assertThatThrownBy(second::read).isInstanceOf(SocketTimeoutException.class);

            first.close(); // the first stream is cancelled, which frees the model's only slot
            second.setReadTimeout(5_000);

            assertThat(second.readHead().status()).isEqualTo(200);
            assertThat(RawHttp.concat(second.readAllChunks())).contains("\"content\":\"second\"");
        }
    }

    @Test
    void otherModelsAreNotBlocked() throws Exception {
        try (RawHttp first = RawHttp.connect(ollama); RawHttp second = RawHttp.connect(ollama)) {
            first.send("POST", "/api/chat", Http.chat("tinyllama", "first")).readHead();
            first.readChunk();

            second.send("POST", "/api/chat", Http.chat("qwen2.5:0.5b", "second"));

            assertThat(second.readHead().status()).isEqualTo(200);
        }
    }

    @Test
    void raisingNumParallelLetsRequestsForOneModelRunTogether() throws Exception {
        ollama.setNumParallel(2);
        try (RawHttp first = RawHttp.connect(ollama); RawHttp second = RawHttp.connect(ollama)) {
            first.send("POST", "/api/chat", Http.chat("tinyllama", "first")).readHead();
            first.readChunk();

            second.send("POST", "/api/chat", Http.chat("tinyllama", "second"));

            assertThat(second.readHead().status()).isEqualTo(200);
            assertThat(ollama.openStreams()).isGreaterThanOrEqualTo(1);
        }
    }
}
