package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.AvailabilityChanged;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.ModelsChanged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class AvailabilityBroadcastTest {

    @Test
    void everyClientHearsOllamaGoDownAndComeBackOnceEach() throws Exception {
        try (ServerFixture fixture = ServerFixture.start()) {
            List<TestClient> clients = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                clients.add(fixture.connect());
            }

            fixture.ollama.stop();

            for (TestClient client : clients) {
                AvailabilityChanged down = client.awaitFrame(AvailabilityChanged.class);
                assertThat(down.ollama().available()).isFalse();
                // For users: why (refused, cut off, …) and where are for the log and /healthz.
                assertThat(down.ollama().reason()).contains("cannot be reached").doesNotContain("127.0.0.1");
            }
            // The installed models did not change: the list is kept while Ollama is away, nothing else is sent.
            clients.get(0).assertQuiet(Duration.ofMillis(600));
            TestClient late = fixture.connect();
            assertThat(late.hello.ollama().available()).isFalse();
            assertThat(late.hello.models()).extracting(ModelInfo::name).contains("llama3:8b");

            fixture.ollama.restart();

            for (TestClient client : clients) {
                AvailabilityChanged up = client.awaitFrame(AvailabilityChanged.class);
                assertThat(up.ollama().available()).isTrue();
            }
            // Only changes are broadcast: several probe intervals pass without another frame.
            clients.get(1).assertQuiet(Duration.ofMillis(600));
            late.close();
            clients.forEach(TestClient::close);
        }
    }

    @Test
    void installedModelChangesAreBroadcast() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(); TestClient client = fixture.connect()) {
            fixture.ollama.setModels("llama3:8b", "qwen2.5:0.5b", "mistral:7b");

            ModelsChanged changed = client.awaitFrame(ModelsChanged.class);

            assertThat(changed.models()).extracting(ModelInfo::name)
                    .containsExactly("llama3:8b", "mistral:7b", "qwen2.5:0.5b");
        }
    }

    @Test
    void aChatThatFindsOllamaGoneTellsEveryoneAtOnce() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--probe-interval", "1h");
             TestClient asker = fixture.connect(); TestClient bystander = fixture.connect()) {
            fixture.ollama.stop();

            asker.send(new ChatRequest("c1", "hello?"));

            assertThat(asker.awaitFrame(ErrorMessage.class).code()).isEqualTo(ErrorCode.OLLAMA_UNAVAILABLE);
            assertThat(bystander.awaitFrame(AvailabilityChanged.class).ollama().available()).isFalse();
        }
    }
}
