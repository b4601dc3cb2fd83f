package io.lanchat.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.server.ollama.HttpReply;
import io.lanchat.server.ollama.InstalledModel;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** One {@code /api/show} per model digest, failures not remembered, complete tags entries never asked about. */
final class ModelTraitsCacheTest {
    private final List<String> shown = new ArrayList<>();
    private boolean failing;

    private final OllamaProbe probe = new OllamaProbe() {
        @Override
        public CompletableFuture<HttpReply> get(String apiPath) {
            throw new AssertionError("the cache only asks /api/show");
        }

        @Override
        public CompletableFuture<HttpReply> show(String model) {
            shown.add(model);
            if (failing) {
                return CompletableFuture.failedFuture(new TimeoutException("no answer within 3 s"));
            }
            return CompletableFuture.completedFuture(new HttpReply(200, "{\"capabilities\":[\"completion\",\""
                    + (model.startsWith("gemma") ? "vision" : "tools") + "\"],\"model_info\":"
                    + "{\"general.architecture\":\"llama\",\"llama.context_length\":8192}}"));
        }
    };
    private final ModelTraitsCache cache = new ModelTraitsCache(probe);

    @Test
    void asksOncePerDigestAndAgainAfterARePull() throws Exception {
        List<ModelInfo> first = cache.describe(tags("gemma3:4b", "d1", "llama3:8b", "d2")).join();

        assertThat(first.get(0).capabilities()).containsExactly("completion", "vision");
        assertThat(first.get(0).contextLength()).isEqualTo(8192);
        assertThat(first.get(1).capabilities()).containsExactly("completion", "tools");
        assertThat(cache.describe(tags("gemma3:4b", "d1", "llama3:8b", "d2")).join()).isEqualTo(first);
        assertThat(shown).containsExactly("gemma3:4b", "llama3:8b");

        cache.describe(tags("gemma3:4b", "d3", "llama3:8b", "d2")).join();

        assertThat(shown).containsExactly("gemma3:4b", "llama3:8b", "gemma3:4b");
        assertThat(cache.size()).as("the old digest is forgotten").isEqualTo(2);
    }

    @Test
    void aFailedShowLeavesTheModelListedWithoutCapabilitiesAndIsAskedAgainLater() throws Exception {
        failing = true;

        List<ModelInfo> models = cache.describe(tags("llama3:8b", "d2")).join();

        assertThat(models).extracting(ModelInfo::name).containsExactly("llama3:8b");
        assertThat(models.get(0).capabilities()).isNull();
        assertThat(models.get(0).contextLength()).isNull();
        failing = false;
        assertThat(cache.describe(tags("llama3:8b", "d2")).join().get(0).capabilities())
                .containsExactly("completion", "tools");
        assertThat(shown).hasSize(2);
    }

    @Test
    void anErrorStatusOrAThrowingProbeIsAFailureToo() throws Exception {
        OllamaProbe broken = new OllamaProbe() {
            @Override
            public CompletableFuture<HttpReply> get(String apiPath) {
                return CompletableFuture.failedFuture(new ConnectException());
            }

            @Override
            public CompletableFuture<HttpReply> show(String model) {
                if (model.startsWith("a")) {
                    throw new IllegalStateException("closed");
                }
                return CompletableFuture.completedFuture(new HttpReply(404, "{\"error\":\"model not found\"}"));
            }
        };

        List<ModelInfo> models = new ModelTraitsCache(broken).describe(tags("a:1b", "d1", "b:1b", "d2")).join();

        assertThat(models).extracting(ModelInfo::capabilities).containsExactly(null, null);
    }

    @Test
    void aTagsEntryWithCapabilitiesAndContextLengthIsNotAskedAbout() throws Exception {
        List<InstalledModel> installed = InstalledModel.parseTags("{\"models\":[{\"name\":\"qwen3:0.6b\","
                + "\"digest\":\"d9\",\"details\":{\"context_length\":40960},\"capabilities\":[\"completion\"]}]}");

        List<ModelInfo> models = cache.describe(installed).join();

        assertThat(models.get(0).capabilities()).containsExactly("completion");
        assertThat(models.get(0).contextLength()).isEqualTo(40960);
        assertThat(shown).isEmpty();
    }

    private static List<InstalledModel> tags(String... nameDigest) throws IOException {
        StringBuilder body = new StringBuilder("{\"models\":[");
        for (int i = 0; i < nameDigest.length; i += 2) {
            body.append(i == 0 ? "" : ",").append("{\"name\":\"").append(nameDigest[i])
                    .append("\",\"digest\":\"").append(nameDigest[i + 1]).append("\"}");
        }
        return InstalledModel.parseTags(body.append("]}").toString());
    }
}
