package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ListModelsRequest;
import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.ModelList;
import io.lanchat.protocol.ModelsChanged;
import io.lanchat.protocol.ReplyStarted;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Capabilities and context length travel from the stand-in's {@code /api/show} to clients, asked once per
 * model; cloud models stay hidden and are refused, naming the flag that allows them.
 */
final class ModelCapabilitiesTest {

    @Test
    void helloModelsAndModelsChangedCarryWhatApiShowSays() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             TestClient watcher = fixture.connect()) {
            ModelInfo llama = find(watcher.hello.models(), "llama3:8b");
            assertThat(llama.capabilities()).containsExactly("completion");
            assertThat(llama.contextLength()).isEqualTo(2048);

            fixture.ollama.setCapabilities("gemma3:4b", List.of("completion", "vision"), 131072);

            ModelsChanged changed = watcher.awaitFrame(ModelsChanged.class);
            ModelInfo gemma = find(changed.models(), "gemma3:4b");
            assertThat(gemma.capabilities()).containsExactly("completion", "vision");
            assertThat(gemma.contextLength()).isEqualTo(131072);
            assertThat(gemma.remote()).isFalse();
            try (TestClient late = fixture.connect()) {
                assertThat(find(late.hello.models(), "gemma3:4b")).isEqualTo(gemma);
                late.send(new ListModelsRequest("m1"));
                assertThat(find(late.next(ModelList.class).models(), "gemma3:4b")).isEqualTo(gemma);
            }
            // Probes every 100 ms, but each model's digest was asked about once.
            Thread.sleep(500);
            assertThat(fixture.ollama.showCalls()).isEqualTo(3);
        }
    }

    @Test
    void aCloudModelIsHiddenAndRefusedNamingTheFlag() throws Exception {
        try (ServerFixture fixture = ServerFixture.start()) {
            fixture.ollama.addCloudModel("gpt-oss:120b-cloud");
            ServerFixture.await(() -> fixture.server.backends().backends().get(0).state()
                    .hidesRemote("gpt-oss:120b-cloud"), "the cloud model seen and hidden");

            try (TestClient client = fixture.connect()) {
                assertThat(client.hello.models()).extracting(ModelInfo::name)
                        .containsExactly("llama3:8b", "qwen2.5:0.5b");

                client.send(new ChatRequest("c1", "hi", "gpt-oss:120b-cloud", null));

                ErrorMessage error = client.next(ErrorMessage.class);
                assertThat(error.code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND);
                assertThat(error.message()).contains("ollama.com").contains("--allow-cloud-models");
                assertThat(fixture.ollama.chatCalls()).isEmpty();
            }
        }
    }

    @Test
    void withTheFlagACloudModelIsListedAsRemoteAndServed() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--allow-cloud-models", "true")) {
            fixture.ollama.addCloudModel("gpt-oss:120b-cloud");
            ServerFixture.await(() -> fixture.server.backends().state().hasModel("gpt-oss:120b-cloud"),
                    "the cloud model listed");

            try (TestClient client = fixture.connect()) {
                assertThat(find(client.hello.models(), "gpt-oss:120b-cloud").remote()).isTrue();
                assertThat(find(client.hello.models(), "llama3:8b").remote()).isFalse();

                client.send(new ChatRequest("c1", "hi", "gpt-oss:120b-cloud", null));

                assertThat(client.next(ReplyStarted.class).model()).isEqualTo("gpt-oss:120b-cloud");
                assertThat(client.awaitFrame(ReplyDone.class)).isNotNull();
            }
        }
    }

    private static ModelInfo find(List<ModelInfo> models, String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + models));
    }
}
