package io.lanchat.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class LifecycleTest {

    private final StandInOllama ollama = StandInOllama.start();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void startsOnAnEphemeralLoopbackPort() throws Exception {
        assertThat(ollama.isRunning()).isTrue();
        assertThat(ollama.port()).isPositive();
        assertThat(ollama.baseUri()).hasToString("http://127.0.0.1:" + ollama.port());
        assertThat(Http.get(ollama, "/").body()).isEqualTo("Ollama is running");
    }

    @Test
    void stopRefusesNewConnectionsButKeepsThePort() {
        int port = ollama.port();
        ollama.stop();

        assertThat(ollama.isRunning()).isFalse();
        assertThat(ollama.port()).isEqualTo(port);
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void stopDropsAnOpenStreamWithoutItsTerminatingChunk() throws Exception {
        ollama.setReply(call -> Collections.nCopies(5_000, " x"));
        ollama.setTokenDelay(Duration.ofMillis(5));
        try (RawHttp http = RawHttp.connect(ollama)) {
            http.send("POST", "/api/chat", Http.chat("tinyllama", "hi")).readHead();
            http.readChunk();

            ollama.stop();

            assertThatThrownBy(() -> {
                while (http.readChunk() != null) {
                    // drain whatever was in flight; the stream must not end cleanly
                }
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void restartServesAgainOnTheSamePortAndKeepsState() throws Exception {
        int port = ollama.port();
        assertThat(Http.post(ollama, "/api/chat", Http.chat("tinyllama", "before")).statusCode()).isEqualTo(200);
        ollama.setModels("phi3");
        ollama.stop();

        ollama.restart();

        assertThat(ollama.isRunning()).isTrue();
        assertThat(ollama.port()).isEqualTo(port);
        assertThat(Http.post(ollama, "/api/chat", Http.chat("phi3", "after")).statusCode()).isEqualTo(200);
        assertThat(ollama.chatCalls()).extracting(ChatCall::lastUserContent).containsExactly("before", "after");
    }

    @Test
    void restartWhileRunningRebindsRightAwayEvenWithAConnectionOpen() throws Exception {
        ollama.setFault(Fault.STALL_MID_STREAM);
        try (RawHttp http = RawHttp.connect(ollama)) {
            http.send("POST", "/api/chat", Http.chat("tinyllama", "hi")).readHead();
            http.readChunk();
            http.readChunk();

            ollama.restart();

            assertThatThrownBy(http::readChunk).isInstanceOf(IOException.class);
        }
        ollama.setFault(Fault.NONE);
        assertThat(Http.get(ollama, "/api/version").statusCode()).isEqualTo(200);
    }

    @Test
    void stopAndCloseAreIdempotent() {
        ollama.stop();
        ollama.stop();
        ollama.close();

        assertThat(ollama.isRunning()).isFalse();
    }
}
