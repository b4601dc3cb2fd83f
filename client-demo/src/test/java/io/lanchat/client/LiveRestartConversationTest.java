package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.standin.ChatCall;
import io.lanchat.standin.Message;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** With the SQLite store, a conversation a script made is continued by a later script after a server restart. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class LiveRestartConversationTest {
    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;

    @Test
    void aScriptContinuesItsConversationAfterTheServerRestartsOnTheSameDataDir() throws Exception {
        Map<String, String> mine = Map.of(ClientOptions.OWNER_KEY_FILE_ENV, dir.resolve("owner-key").toString());
        try (LiveServer live = LiveServer.start("--database", "sqlite", "--data-dir",
                dir.resolve("data").toString())) {
            ClientRun first = ClientRun.of("Remember the number 42\n", mine, "--url", live.url(), "--verbose");
            assertThat(first.exit()).as(first.err()).isZero();
            String id = LiveConversationScriptTest.conversationOf(first);

            live.stopServer();
            live.startServerAgain();
            ClientRun second = ClientRun.of("Which number?\n", mine, "--url", live.url(), "--conversation", id);

            assertThat(second.exit()).as(second.err()).isZero();
            assertThat(second.out()).isEqualTo("You said: Which number? (turn 2)" + NL);
            List<ChatCall> calls = live.ollama.chatCalls();
            assertThat(calls).hasSize(2);
            assertThat(calls.get(1).messages()).containsSubsequence(
                    new Message("user", "Remember the number 42"),
                    new Message("assistant", "You said: Remember the number 42 (turn 1)"),
                    new Message("user", "Which number?"));
        }
    }
}
