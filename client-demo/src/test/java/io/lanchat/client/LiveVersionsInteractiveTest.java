package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The version commands against the real server and the stand-in Ollama: /regenerate, /edit, /version, /history. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class LiveVersionsInteractiveTest {
    @TempDir
    Path dir;
    private LiveServer live;
    private final AtomicInteger replies = new AtomicInteger();

    @BeforeEach
    void start() throws InterruptedException {
        live = LiveServer.start("--database", "none");
        live.ollama.setReply(call -> List.of("Reply ", String.valueOf(replies.incrementAndGet())));
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void regeneratesEditsAndSwitchesVersions() throws Exception {
        try (InteractiveHarness chat = new InteractiveHarness(new ClientOptions(URI.create(live.url()), null, null,
                1, false, false, dir.resolve("owner-key"), null, null, null))) {
            chat.awaitOut("/help lists the commands.");
            chat.type("What is a tide?");
            chat.awaitOut("Reply 1");
            chat.awaitOut(" s]");

            chat.type("/regenerate");
            chat.awaitOut("Reply 2");
            assertThat(chat.awaitOut("#1 reply ‹2/2›: Reply 2")).doesNotContain("#0");

            chat.type("/edit 0 What is a wave?");
            chat.awaitOut("Reply 3");
            chat.awaitOut("#1 reply: Reply 3");

            chat.type("/history");
            assertThat(chat.awaitOut("#1 reply: Reply 3")).contains("#0 you ‹2/2›: What is a wave?");

            chat.type("/version 0 1");
            assertThat(chat.awaitOut("#1 reply ‹2/2›: Reply 2")).contains("#0 you ‹1/2›: What is a tide?");

            chat.type("/version 0 5");
            chat.awaitOut("has versions 1 to 2");
            chat.type("/edit x");
            chat.awaitOut("Usage: /edit N TEXT");
        }
    }
}
