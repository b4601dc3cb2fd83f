package io.lanchat.client;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The interactive chat tells the user when older messages no longer fit the model's context: the stand-in's small
 * model (100 tokens) refuses the fourth long question with {@code truncate:false}, the server leaves out the oldest
 * exchange and says so in {@code started}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class ContextNoticeTest {
    private static final String SMALL = "tiny-ctx:latest";

    private LiveServer live;

    @BeforeEach
    void start() throws InterruptedException {
        live = LiveServer.start();
        live.ollama.setModels("llama3:8b", "qwen2.5:0.5b", SMALL);
        live.ollama.setCapabilities(SMALL, List.of("completion"), 100);
        live.ollama.setReply(call -> List.of("ok."));
        live.awaitContextLength(SMALL, 100);
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void printsHowManyOlderMessagesNoLongerFitTheModelsContext() throws Exception {
        try (InteractiveHarness chat = InteractiveHarness.connect(live)) {
            chat.type("/model " + SMALL);
            for (int i = 1; i <= 3; i++) {
                chat.type("Question " + i + ": " + "x".repeat(68));
                chat.awaitOut("[" + SMALL);
            }
            chat.type("Question 4: " + "x".repeat(68));

            chat.awaitOut("(2 older messages were left out: they no longer fit the context of " + SMALL + ")");
        }
    }
}
