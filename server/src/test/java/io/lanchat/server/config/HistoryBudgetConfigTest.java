package io.lanchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The history budget options: the {@code auto} default follows the heap, bad combinations stop the start. */
final class HistoryBudgetConfigTest {

    @Test
    void autoIsAnEighthOfTheHeapInCharacters() {
        assertThat(ConfigLoader.historyChars("auto", 128L << 20)).isEqualTo(16L << 20);
        assertThat(ServerConfig.defaults().chat().maxHistoryChars()).isEqualTo(Runtime.getRuntime().maxMemory() / 8);
    }

    @Test
    void anExplicitBudgetIsTakenAsIs() {
        ServerConfig config = ConfigLoader.load(new String[] {"--max-history-chars", "5000000",
                "--max-session-chars=20000", "--max-reply-chars=12000"}, n -> null);

        assertThat(config.chat().maxHistoryChars()).isEqualTo(5_000_000L);
        assertThat(config.chat().maxSessionChars()).isEqualTo(20_000);
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--max-history-chars", "lots"}, n -> null))
                .hasMessageContaining("--max-history-chars").hasMessageContaining("auto");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--max-history-chars", "0"}, n -> null))
                .hasMessageContaining("--max-history-chars");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--max-history-chars", "50000",
                "--max-session-chars", "60000"}, n -> null))
                .hasMessageContaining("maxHistoryChars");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--max-session-chars", "100"}, n -> null))
                .hasMessageContaining("maxMessageChars");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--max-session-chars", "50000"}, n -> null))
                .hasMessageContaining("must hold one whole exchange").hasMessageContaining("--max-reply-chars");
    }
}
