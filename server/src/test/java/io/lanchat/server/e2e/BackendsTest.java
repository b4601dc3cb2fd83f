package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.AvailabilityChanged;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.server.ChatServer;
import io.lanchat.server.config.ConfigLoader;
import io.lanchat.standin.StandInOllama;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two Ollama machines behind one server: both used, loaded models preferred, and one can die mid-request. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class BackendsTest {
    private StandInOllama gpuA;
    private StandInOllama gpuB;
    private ChatServer server;

    @BeforeEach
    void start() throws Exception {
        gpuA = StandInOllama.start();
        gpuB = StandInOllama.start();
        for (StandInOllama gpu : List.of(gpuA, gpuB)) {
            gpu.setModels("llama3:8b");
            gpu.setTokenDelay(Duration.ofMillis(20));
        }
        server = ChatServer.start(ConfigLoader.load(new String[] {"--bind", "127.0.0.1", "--port", "0", "--database", "none",
                "--ollama-host", gpuA.baseUri() + "," + gpuB.baseUri(), "--probe-interval", "100ms",
                "--probe-max-backoff", "200ms", "--shutdown-grace", "1s"}, name -> null));
        ServerFixture.await(() -> server.backends().state().status().backendsUp() == 2, "both backends up");
    }

    @AfterEach
    void stop() {
        server.close();
        gpuA.close();
        gpuB.close();
    }

    @Test
    void requestGoesWhereTheModelIsAlreadyLoaded() throws Exception {
        gpuB.setLoadedModels("llama3:8b");
        ServerFixture.await(() -> server.backends().backends().get(1).state().isLoaded("llama3:8b"), "B loaded");
        try (TestClient client = TestClient.connect(server.port())) {
            client.send(new ChatRequest("c1", "hi"));
            client.awaitFrame(ReplyDone.class);

            assertThat(gpuB.chatCalls()).hasSize(1);
            assertThat(gpuA.chatCalls()).isEmpty();
            assertThat(client.drainPhases()).extracting(ReplyPhase::phase).doesNotContain(ReplyPhase.Phase.LOADING);
        }
    }

    @Test
    void twoPeopleAtOnceUseBothMachines() throws Exception {
        try (TestClient alice = TestClient.connect(server.port()); TestClient bob = TestClient.connect(server.port())) {
            alice.send(new ChatRequest("a", "alice"));
            bob.send(new ChatRequest("b", "bob"));
            alice.awaitFrame(ReplyDone.class);
            bob.awaitFrame(ReplyDone.class);

            assertThat(gpuA.chatCalls()).hasSize(1);
            assertThat(gpuB.chatCalls()).hasSize(1);
        }
    }

    @Test
    void backendDyingBeforeTheFirstTokenMovesTheRequestWithoutTheUserNoticing() throws Exception {
        gpuA.setLoadedModels("llama3:8b");                 // preferred, so the request goes there first
        gpuA.setLoadDelay(Duration.ofSeconds(5));          // ... and sits loading the model
        ServerFixture.await(() -> server.backends().backends().get(0).state().isLoaded("llama3:8b"), "A loaded");
        try (TestClient client = TestClient.connect(server.port())) {
            client.send(new ChatRequest("c1", "don't lose me"));
            ServerFixture.await(() -> gpuA.chatCalls().size() == 1, "request on A");

            gpuA.stop();                                   // A dies before its first token

            List<ServerMessage> frames = client.until(ReplyDone.class);
            assertThat(frames).noneMatch(ErrorMessage.class::isInstance);
            assertThat(gpuB.chatCalls()).hasSize(1);
            assertThat(gpuB.chatCalls().get(0).lastUserContent()).isEqualTo("don't lose me");
            AvailabilityChanged change = frames.stream().filter(AvailabilityChanged.class::isInstance)
                    .map(AvailabilityChanged.class::cast).findFirst()
                    .orElseGet(() -> {
                        try {
                            return client.awaitFrame(AvailabilityChanged.class);
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                    });
            assertThat(change.ollama().available()).isTrue();
            assertThat(change.ollama().backendsUp()).isEqualTo(1);
            assertThat(change.ollama().backendsTotal()).isEqualTo(2);
        }
    }
}
