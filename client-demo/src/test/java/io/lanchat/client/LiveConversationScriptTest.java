package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.standin.ChatCall;
import io.lanchat.standin.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scriptable mode's {@code --conversation} against the real server (memory-only store) and the stand-in Ollama:
 * a later run continues the conversation an earlier run made, and the model sees the earlier exchange.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class LiveConversationScriptTest {
    private static final String NL = System.lineSeparator();
    private static final Pattern CONVERSATION = Pattern.compile("conversation (\\S+) \\(continue it with");

    @TempDir
    Path dir;
    private LiveServer live;
    private Map<String, String> mine;

    @BeforeEach
    void start() throws InterruptedException {
        live = LiveServer.start("--database", "none");
        mine = Map.of(ClientOptions.OWNER_KEY_FILE_ENV, dir.resolve("mine").resolve("owner-key").toString());
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void aLaterRunContinuesTheConversationOfAnEarlierOneAndTheModelSeesIt() throws Exception {
        ClientRun first = ClientRun.of("Why is the sky blue?\nAnd sunsets red?\n", mine, "--url", live.url(),
                "--verbose");
        assertThat(first.exit()).as(first.err()).isZero();
        String id = conversationOf(first);
        assertThat(Files.readString(dir.resolve("mine").resolve("owner-key"))).as("the key issued was kept")
                .isNotBlank();

        ClientRun second = ClientRun.of("What did I ask first?\n", mine, "--url", live.url(), "--conversation", id,
                "--verbose");

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo("You said: What did I ask first? (turn 3)" + NL);
        assertThat(second.err()).contains("opened \"Why is the sky blue?\" (4 messages).")
                .as("still the same conversation").contains("conversation " + id + " (continue it with");
        List<ChatCall> calls = live.ollama.chatCalls();
        assertThat(calls).hasSize(3);
        assertThat(calls.get(2).messages()).containsSubsequence(
                new Message("user", "Why is the sky blue?"),
                new Message("assistant", "You said: Why is the sky blue? (turn 1)"),
                new Message("user", "And sunsets red?"),
                new Message("assistant", "You said: And sunsets red? (turn 2)"),
                new Message("user", "What did I ask first?"));
    }

    @Test
    void anUnknownIdOrOneOfAnotherOwnerKeyExitsSixAndSendsNothing() throws Exception {
        ClientRun made = ClientRun.of("", mine, "--url", live.url(), "--verbose", "--prompt", "private things");
        String id = conversationOf(made);
        Map<String, String> theirs = Map.of(ClientOptions.OWNER_KEY_FILE_ENV,
                dir.resolve("theirs").resolve("owner-key").toString());

        ClientRun unknown = ClientRun.of("hello\n", mine, "--url", live.url(), "--conversation", "no-such-chat");
        ClientRun foreign = ClientRun.of("hello\n", theirs, "--url", live.url(), "--conversation", id);

        for (ClientRun run : List.of(unknown, foreign)) {
            assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.CONVERSATION_NOT_FOUND.code()).isEqualTo(6);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("of yours").contains("[not_found]");
        }
        assertThat(live.ollama.chatCalls()).as("only the first run chatted").hasSize(1);
    }

    /** The id that {@code --verbose} names at the end of a run. */
    static String conversationOf(ClientRun run) {
        Matcher m = CONVERSATION.matcher(run.err());
        assertThat(m.find()).as("the run names its conversation; stderr:%n%s", run.err()).isTrue();
        return m.group(1);
    }
}
