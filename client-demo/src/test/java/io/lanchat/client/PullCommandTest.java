package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code /pull NAME} in the interactive chat, against the stand-in's pull stream. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class PullCommandTest {

    @Test
    void anAdminPullShowsCompactProgressThenTheNewModel() throws Exception {
        try (LiveServer live = LiveServer.start("--allow-pull", "true");
             InteractiveHarness chat = InteractiveHarness.connect(live)) {
            chat.type("/pull mistral:7b");

            String progress = chat.awaitOut("success: mistral:7b is installed");
            assertThat(progress).contains("Pulling mistral:7b ...", "  pulling manifest", "% of ",
                    "  verifying sha256 digest", "  writing manifest");
            // Each layer: one line per 10 % step reached, not one per frame.
            assertThat(progress.lines().filter(line -> line.contains("% of ")))
                    .hasSize(8).allMatch(line -> line.matches("  pulling [0-9a-f]{12}: \\d+% of [\\d.]+ [kMG]?B"));
            assertThat(progress.substring(progress.indexOf("Pulling"))).as("no prompt before the pull is over")
                    .doesNotContain(ConsoleRenderer.PROMPT);
            chat.awaitOut("* The installed models changed: llama3:8b, mistral:7b, qwen2.5:0.5b.");
            assertThat(live.ollama.models()).contains("mistral:7b");
        }
    }

    @Test
    void pullingAnUnknownModelOrWithoutTheRightIsAnError() throws Exception {
        try (LiveServer live = LiveServer.start("--allow-pull", "true");
             InteractiveHarness chat = InteractiveHarness.connect(live)) {
            chat.type("/pull nonexistent-model:1b");
            chat.awaitOut("Error (pull_failed): ");
            chat.awaitOut(ConsoleRenderer.PROMPT);
        }
        try (LiveServer live = LiveServer.start();
             InteractiveHarness chat = InteractiveHarness.connect(live)) {
            chat.type("/pull mistral:7b");
            chat.awaitOut("Error (forbidden): ");
            chat.awaitOut(ConsoleRenderer.PROMPT);
            chat.type("/pull");
            chat.awaitOut("Usage: /pull NAME");
        }
    }
}
