package io.lanchat.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.server.ollama.HttpReply;
import io.lanchat.server.ollama.OllamaEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The monitor hides cloud models unless allowed, and lists what /api/show taught it. */
final class CloudModelsMonitorTest {
    private static final String TAGS = "{\"models\":[{\"name\":\"gpt-oss:120b-cloud\",\"remote_model\":\"gpt-oss:120b\","
            + "\"remote_host\":\"https://ollama.com:443\",\"size\":384,\"digest\":\"c1\"},"
            + "{\"name\":\"gemma3:4b\",\"size\":3338801804,\"digest\":\"g1\"}]}";

    private final ManualLoop time = new ManualLoop();
    private final OllamaProbe ollama = new OllamaProbe() {
        @Override
        public CompletableFuture<HttpReply> get(String apiPath) {
            return CompletableFuture.completedFuture(new HttpReply(200,
                    apiPath.equals("/api/tags") ? TAGS : "{\"models\":[]}"));
        }

        @Override
        public CompletableFuture<HttpReply> show(String model) {
            return CompletableFuture.completedFuture(new HttpReply(200, "{\"capabilities\":[\"completion\",\"vision\"],"
                    + "\"model_info\":{\"general.architecture\":\"gemma3\",\"gemma3.context_length\":131072}}"));
        }
    };

    private AvailabilityMonitor started(boolean allowCloud) {
        AvailabilityMonitor monitor = new AvailabilityMonitor(new OllamaEndpoint(URI.create("http://gpu:11434")),
                ollama, time.loop(), Duration.ofSeconds(2), Duration.ofSeconds(16), Duration.ofSeconds(1), allowCloud);
        monitor.start();
        time.runTasks();
        return monitor;
    }

    @Test
    void cloudModelsAreHiddenByDefaultAndRemembered() {
        OllamaState state = started(false).state();

        assertThat(state.models()).extracting(ModelInfo::name).containsExactly("gemma3:4b");
        assertThat(state.models().get(0).capabilities()).containsExactly("completion", "vision");
        assertThat(state.models().get(0).contextLength()).isEqualTo(131072);
        assertThat(state.hasModel("gpt-oss:120b-cloud")).isFalse();
        assertThat(state.hidesRemote("GPT-OSS:120b-cloud")).isTrue();
        assertThat(state.hidesRemote("gemma3:4b")).isFalse();
    }

    @Test
    void allowedCloudModelsAreListedAndMarkedRemote() {
        OllamaState state = started(true).state();

        assertThat(state.models()).extracting(ModelInfo::name).containsExactly("gemma3:4b", "gpt-oss:120b-cloud");
        assertThat(state.models()).extracting(ModelInfo::remote).containsExactly(false, true);
        assertThat(state.hiddenRemote()).isEmpty();
    }
}
