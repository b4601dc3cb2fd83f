package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** /share, /shares, /unshare in the interactive chat, and --view following a live link, against the real server. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class LiveShareInteractiveTest {
    private static final Pattern LINK = Pattern.compile("(http://\\S+/s/[A-Za-z0-9_-]{43})");
    private static final Pattern REVOKE = Pattern.compile("/unshare ([0-9a-f]{16})");
    private LiveServer live;
    private final AtomicInteger replies = new AtomicInteger();

    @BeforeEach
    void start() throws InterruptedException {
        live = LiveServer.start();
        live.ollama.setReply(call -> List.of("Reply ", String.valueOf(replies.incrementAndGet())));
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void sharesLiveAViewerFollowsTheNextReplyAndUnshareEndsItsView() throws Exception {
        try (InteractiveHarness chat = InteractiveHarness.connect(live)) {
            chat.type("What is a tide?");
            chat.awaitOut("Reply 1");
            chat.type("/share live");
            String said = chat.awaitOut("revokes it.");
            String link = find(LINK, said);
            String shareId = find(REVOKE, said);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CompletableFuture<ExitCode> viewer = CompletableFuture.supplyAsync(() -> ClientMain.run(
                    new String[] {"--view", link}, System.in, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false));
            LiveServer.await(() -> out.toString(StandardCharsets.UTF_8).contains("Reply 1"), "the shared view");
            chat.type("And the moon?");
            chat.awaitOut("Reply 2");
            LiveServer.await(() -> out.toString(StandardCharsets.UTF_8).contains("Reply 2"), "the live reply");
            chat.type("/shares");
            chat.awaitOut(shareId + "  live");
            chat.type("/unshare " + shareId);
            chat.awaitOut("no active links");

            assertThat(viewer.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("> What is a tide?", "> And the moon?");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("no longer works (share revoked)");
            chat.type("/unshare " + shareId);
            chat.awaitOut("No such link");
        }
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(pattern + " in " + text).isTrue();
        return m.group(1);
    }
}
