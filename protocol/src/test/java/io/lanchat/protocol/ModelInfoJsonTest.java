package io.lanchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The capability fields are compatible additions: absent when unknown, {@code remote} only when true. */
final class ModelInfoJsonTest {

    @Test
    void aModelWithoutTraitsIsWrittenAsBefore() {
        String json = ProtocolJson.writeServerText(new ModelsChanged(List.of(
                new ModelInfo("tinyllama:latest", 637_700_138L, "llama", "1B", "Q4_0"))));

        assertThat(json).isEqualTo("{\"type\":\"models_changed\",\"models\":[{\"name\":\"tinyllama:latest\","
                + "\"sizeBytes\":637700138,\"family\":\"llama\",\"parameterSize\":\"1B\",\"quantization\":\"Q4_0\"}]}");
    }

    @Test
    void anOlderFrameReadsAsUnknownTraitsAndNotRemote() throws Exception {
        ModelsChanged frame = (ModelsChanged) ProtocolJson.readServer(
                "{\"type\":\"models_changed\",\"models\":[{\"name\":\"a:1b\",\"sizeBytes\":1}]}");

        ModelInfo model = frame.models().get(0);
        assertThat(model.capabilities()).isNull();
        assertThat(model.contextLength()).isNull();
        assertThat(model.remote()).isFalse();
        assertThat(model.has("completion")).isFalse();
    }

    @Test
    void traitsAndRemoteRoundTrip() throws Exception {
        ModelInfo cloud = new ModelInfo("kimi-k2:cloud", 384, null, null, null)
                .withTraits(List.of("completion", "tools"), 262_144).withRemote(true);

        String json = ProtocolJson.writeServerText(new ModelsChanged(List.of(cloud)));

        assertThat(json).contains("\"capabilities\":[\"completion\",\"tools\"],\"contextLength\":262144,"
                + "\"remote\":true");
        assertThat(ProtocolJson.readServer(json)).isEqualTo(new ModelsChanged(List.of(cloud)));
        assertThat(cloud.has("tools")).isTrue();
    }
}
