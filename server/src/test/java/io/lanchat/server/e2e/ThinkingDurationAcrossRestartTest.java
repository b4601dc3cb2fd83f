package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.BranchShown;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.RegenerateRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.SwitchVersionRequest;
import io.lanchat.standin.Thinking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How long a model thought ({@code done.timing.thinkingMs}) is kept with its reply, so a conversation opened after a
 * restart still says "Thought for N s": in {@code history[].thinkingMs}, for the shown reply and for an earlier
 * version switched back to.
 */
@Timeout(60)
final class ThinkingDurationAcrossRestartTest {
    private static final String QWEN3 = "qwen3:0.6b";

    @Test
    void theThinkingTimeOfAReplyOutlivesARestart() throws Exception {
        Path data = Files.createTempDirectory("lanchat-data");
        String key;
        String conversation;
        long thought;
        long thoughtAgain;
        try (ServerFixture before = ServerFixture.start("--data-dir", data.toString());
             TestClient client = before.connect()) {
            before.ollama.setThinking(QWEN3, Thinking.TOGGLE);
            before.ollama.setTokenDelay(Duration.ofMillis(5));
            ServerFixture.await(() -> before.server.backends().state().models().stream()
                    .anyMatch(m -> m.name().equals(QWEN3) && m.has("thinking")), "qwen3 seen thinking");
            key = client.hello.ownerKey();
            conversation = client.hello.sessionId();
            client.send(new ChatRequest("c1", "why?", QWEN3, null));
            thought = client.awaitFrame(ReplyDone.class).timing().thinkingMs();
            client.send(new RegenerateRequest("g", null, null));
            thoughtAgain = client.awaitFrame(ReplyDone.class).timing().thinkingMs();
            HistoryMessage live = client.awaitFrame(BranchShown.class).history().get(1);
            assertThat(live.thinkingMs()).as("while the server runs").isEqualTo(thoughtAgain);
        }

        try (ServerFixture after = ServerFixture.start("--data-dir", data.toString());
             TestClient client = after.connectAsOwner(key)) {
            client.send(new OpenConversationRequest("o", conversation, null, null));
            java.util.List<HistoryMessage> reopened = client.awaitFrame(ConversationOpened.class).history();
            assertThat(reopened.get(1).thinkingMs()).isEqualTo(thoughtAgain);
            assertThat(reopened.get(0).thinkingMs()).as("a question has none").isNull();

            client.send(new SwitchVersionRequest("v", null, 1, 1));
            assertThat(client.awaitFrame(BranchShown.class).history().get(1).thinkingMs())
                    .as("the earlier version's own").isEqualTo(thought);
        }
    }
}
