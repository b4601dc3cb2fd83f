package io.lanchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --allow-cloud-models}: off unless asked, from the flag or the environment, and strictly a boolean. */
final class AllowCloudModelsConfigTest {

    @Test
    void cloudModelsAreNotAllowedByDefault() {
        assertThat(ConfigLoader.load(new String[0], n -> null).ollama().allowCloudModels()).isFalse();
    }

    @Test
    void theFlagOrTheEnvironmentAllowsThem() {
        assertThat(ConfigLoader.load(new String[] {"--allow-cloud-models", "true"}, n -> null)
                .ollama().allowCloudModels()).isTrue();
        assertThat(ConfigLoader.load(new String[0], Map.of("LANCHAT_ALLOW_CLOUD_MODELS", "TRUE")::get)
                .ollama().allowCloudModels()).isTrue();
        assertThat(ConfigLoader.load(new String[] {"--allow-cloud-models=false"},
                Map.of("LANCHAT_ALLOW_CLOUD_MODELS", "true")::get).ollama().allowCloudModels()).isFalse();
    }

    @Test
    void anythingButTrueOrFalseIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--allow-cloud-models", "yes"}, n -> null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--allow-cloud-models").hasMessageContaining("true or false");
    }
}
