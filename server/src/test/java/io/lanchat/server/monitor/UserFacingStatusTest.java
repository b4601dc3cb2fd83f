package io.lanchat.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.OllamaStatus;
import org.junit.jupiter.api.Test;

final class UserFacingStatusTest {
    private static final String ADMIN_DOWN = "Ollama is not running at http://10.0.0.7:11434 (connection refused)."
            + " Start it with `ollama serve`, or point this server at it with OLLAMA_HOST.";

    @Test
    void unavailableKeepsTheCountsAndDropsTheAddressAndTheAdministratorsFix() {
        OllamaStatus told = UserFacingStatus.of(new OllamaStatus(false, ADMIN_DOWN, 0, 2));

        assertThat(told.available()).isFalse();
        assertThat(told.backendsUp()).isZero();
        assertThat(told.backendsTotal()).isEqualTo(2);
        assertThat(told.reason()).contains("cannot be reached right now").doesNotContain("10.0.0.7")
                .doesNotContain("ollama serve").doesNotContain("OLLAMA_HOST");
    }

    @Test
    void availableSaysRepliesCanBeWrittenAndCountsMachinesWhenThereAreSeveral() {
        assertThat(UserFacingStatus.of(new OllamaStatus(true, "Ollama is running at http://10.0.0.7:11434 with 2"
                + " models.")).reason()).isEqualTo("Ollama is running and ready to write replies.");
        assertThat(UserFacingStatus.of(new OllamaStatus(true, "1 of 2 Ollama backends are up, with 3 models.", 1, 2))
                .reason()).startsWith("1 of 2 Ollama backends are up").doesNotContain("10.0.0.7");
    }
}
