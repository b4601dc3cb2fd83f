package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.BranchShown;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ConversationSettings;
import io.lanchat.protocol.ConversationUpdated;
import io.lanchat.protocol.EditRequest;
import io.lanchat.protocol.RegenerateRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ThinkMode;
import io.lanchat.protocol.UpdateSettingsRequest;
import io.lanchat.standin.ChatCall;
import io.lanchat.standin.Thinking;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code regenerate} and {@code edit} take their own {@code think}, like {@code chat}: it reaches Ollama as the model
 * takes it (gpt-oss: a level), and without it the conversation's setting applies.
 */
@Timeout(60)
final class ThinkOnVersionsTest {
    private static final String QWEN3 = "qwen3:0.6b";
    private static final String GPT_OSS = "gpt-oss:20b";

    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start();
        fixture.ollama.setThinking(QWEN3, Thinking.TOGGLE);
        fixture.ollama.setThinking(GPT_OSS, Thinking.LEVELS);
        ServerFixture.await(() -> thinks(QWEN3) && thinks(GPT_OSS), "the thinking models");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void regenerateAndEditSendTheirOwnThinkElseTheConversations() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "why?", QWEN3, null));
            client.until(ReplyDone.class);

            client.send(new RegenerateRequest("g1", null, null, ThinkMode.OFF));
            client.until(BranchShown.class);
            assertThat(lastCall().think()).as("regenerate's own").isEqualTo(false);

            client.send(new EditRequest("e1", null, 0, "why not?", GPT_OSS, ThinkMode.HIGH));
            client.until(BranchShown.class);
            assertThat(lastCall().model()).isEqualTo(GPT_OSS);
            assertThat(lastCall().think()).as("edit's own, as a level").isEqualTo("high");

            client.send(new UpdateSettingsRequest("s1", client.hello.sessionId(),
                    new ConversationSettings(QWEN3, null, null, ThinkMode.OFF)));
            client.awaitFrame(ConversationUpdated.class);
            client.send(new EditRequest("e2", null, 0, "and then?", QWEN3, null));
            client.until(BranchShown.class);
            assertThat(lastCall().think()).as("the conversation's").isEqualTo(false);
        }
    }

    private boolean thinks(String model) {
        return fixture.server.backends().state().models().stream()
                .anyMatch(m -> m.name().equals(model) && m.has("thinking"));
    }

    private ChatCall lastCall() {
        List<ChatCall> calls = fixture.ollama.chatCalls();
        return calls.get(calls.size() - 1);
    }
}
