package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.OpenConversationRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Scriptable mode with durable conversations: --conversation, and a store that cannot save. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class ConversationScriptTest {
    private static final String NL = System.lineSeparator();
    private static final String KEY = "script-owner-key";

    @TempDir
    Path dir;
    private FakeConversationServer server;
    private Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        server = new FakeConversationServer();
        Path file = dir.resolve("owner-key");
        Files.writeString(file, KEY + "\n");
        env = Map.of(ClientOptions.OWNER_KEY_FILE_ENV, file.toString());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void conversationFlagOpensItFirstAndTheMessagesContinueIt() {
        FakeConversationServer.Conversation c = server.add(KEY, "Ongoing", 5, "one", "echo: one");

        ClientRun run = ClientRun.of("two\nthree\n", env, "--url", server.url(), "--conversation", c.id);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("echo: two" + NL + "echo: three" + NL);
        assertThat(run.err()).isEmpty();
        assertThat(server.received()).map(ClientMessage::getClass).containsExactly(
                OpenConversationRequest.class, ChatRequest.class, ChatRequest.class);
        assertThat(c.history).hasSize(6);
    }

    @Test
    void anUnknownOrForeignConversationExitsSixWithoutSendingAnything() {
        FakeConversationServer.Conversation foreign = server.add("another-owner", "Theirs", 5, "x", "y");

        ClientRun unknown = ClientRun.of("hello\n", env, "--url", server.url(), "--conversation", "conv-404");
        ClientRun theirs = ClientRun.of("", env, "--url", server.url(), "--conversation", foreign.id, "--prompt",
                "hi");

        for (ClientRun run : new ClientRun[] {unknown, theirs}) {
            assertThat(run.exit()).isEqualTo(6);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("no conversation ").contains("of yours").contains("[not_found]");
        }
        assertThat(server.received(ChatRequest.class)).isEmpty();
        assertThat(foreign.history).hasSize(2);
    }

    @Test
    void notSavedIsAWarningAndTheScriptGoesOn() {
        server.storeFailing(true);

        ClientRun run = ClientRun.of("a\nb\n", env, "--url", server.url());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("echo: a" + NL + "echo: b" + NL);
        assertThat(run.err()).contains("warning: Your conversation could not be saved. [not_saved]");
    }
}
