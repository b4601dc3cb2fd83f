package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** With the SQLite store, a room's member whose server restarts joins again by itself and goes on chatting. */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
final class LiveRoomRestartTest {
    private static final Pattern INVITE = Pattern.compile("(http://\\S+/r/[A-Za-z0-9_-]{43})");

    @TempDir
    Path dir;

    @Test
    void aMemberJoinsAgainAfterTheServerRestartsAndChatsOn() throws Exception {
        AtomicInteger replies = new AtomicInteger();
        try (LiveServer live = LiveServer.start("--database", "sqlite", "--data-dir",
                dir.resolve("data").toString())) {
            live.ollama.setReply(call -> List.of("Reply ", String.valueOf(replies.incrementAndGet())));
            String invite;
            try (InteractiveHarness owner = InteractiveHarness.connect(live)) {
                owner.type("What is a tide?");
                owner.awaitOut("Reply 1");
                owner.type("/room");
                Matcher m = INVITE.matcher(owner.awaitOut("revokes it"));
                assertThat(m.find()).isTrue();
                invite = m.group(1);
            }

            try (JoinedMember ana = JoinedMember.join(invite, "Ana")) {
                ana.await("* Present: Ana");
                live.stopServer();
                ana.awaitErr("* Connection lost");
                live.startServerAgain();

                ana.await("* Back in the room; 0 messages since you left");
                ana.type("still there?");
                ana.await("Reply 2");

                assertThat(ana.out()).containsSubsequence("> What is a tide?", "Reply 1", "* Back in the room",
                        "> Ana: still there?", "Reply 2");
                assertThat(ana.exit).isNotDone();
            }
        }
    }
}
