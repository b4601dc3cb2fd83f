package io.lanchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ConfigLoaderTest {

    @Test
    void defaultsAreSane() {
        ServerConfig config = ServerConfig.defaults();

        assertThat(config.network().port()).isEqualTo(8080);
        assertThat(config.network().bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.ollama().uris()).extracting(Object::toString).containsExactly("http://127.0.0.1:11434");
        assertThat(config.chat().defaultModel()).isEqualTo("llama3:8b");
        assertThat(config.ollama().firstTokenTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.chat().systemPrompt()).isEmpty();
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverDefaults() {
        Map<String, String> env = Map.of("LANCHAT_PORT", "9000", "OLLAMA_HOST", "gpu:11434",
                "LANCHAT_MODEL", "qwen2.5:0.5b");

        ServerConfig config = ConfigLoader.load(new String[] {"--port=9100", "--token-idle-timeout", "250ms"},
                env::get);

        assertThat(config.network().port()).isEqualTo(9100);
        assertThat(config.ollama().uris()).extracting(Object::toString).containsExactly("http://gpu:11434");
        assertThat(config.chat().defaultModel()).isEqualTo("qwen2.5:0.5b");
        assertThat(config.ollama().tokenIdleTimeout()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theStoreIsSqliteByDefaultAndItsNamesAreReadInAnyCase() {
        assertThat(ConfigLoader.load(new String[0], n -> null).store().database()).isEqualTo("sqlite");
        assertThat(ConfigLoader.load(new String[] {"--database", " SQLite "}, n -> null).store().database())
                .isEqualTo("sqlite");
        assertThat(ConfigLoader.load(new String[0], Map.of("LANCHAT_DATABASE", "NONE")::get).store().memoryOnly())
                .isTrue();
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--database", "mysql://x"}, n -> null))
                .hasMessageContaining("--database (LANCHAT_DATABASE) must be sqlite, none, or a jdbc:postgresql:");
    }

    @Test
    void badValuesAreNamedWithWhatIsAllowed() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--port", "eighty"}, n -> null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--port").hasMessageContaining("whole number");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--port", "70000"}, n -> null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--session-idle", "soon"}, n -> null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--session-idle").hasMessageContaining("30s");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--verbose"}, n -> null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown option --verbose");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--model"}, n -> null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("LANCHAT_MAX_SESSIONS", "0")::get))
                .isInstanceOf(ConfigException.class).hasMessageContaining("maxSessions");
        assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("OLLAMA_HOST", "ftp://x")::get))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OLLAMA_HOST");
    }

    @Test
    void helpListsEveryOptionWithItsVariableAndDefault() {
        String help = ConfigLoader.help();

        for (Option option : Option.values()) {
            assertThat(help).contains(option.flag()).contains(option.env());
        }
        assertThat(help).contains("llama3:8b");
    }
}
