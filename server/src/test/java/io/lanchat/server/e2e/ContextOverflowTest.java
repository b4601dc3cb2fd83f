package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.protocol.RetryRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.standin.ChatCall;
import io.lanchat.standin.Message;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No silent truncation (#14 item 5), end to end with the stand-in's small-context model: every chat asks Ollama for
 * {@code truncate:false}; when Ollama refuses a prompt longer than the context, the server leaves out the oldest
 * turns (never the system prompt nor the new message), says how many in {@code started}, and sends again.
 *
 * <p>Sizes, in the stand-in's estimate (4 characters a token, 4 more a message): the system prompt is 9 tokens, each
 * question 24, each answer 5; the context is 100. The fourth question (120 tokens with the whole history) is refused;
 * without the oldest exchange it is 91 tokens and fits.
 */
@Timeout(60)
final class ContextOverflowTest {
    private static final String SMALL = "tiny-ctx:latest";
    private static final String SYSTEM = "Keep answers short.";

    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start("--system-prompt", SYSTEM);
        fixture.ollama.setModels("llama3:8b", "qwen2.5:0.5b", SMALL);
        fixture.ollama.setCapabilities(SMALL, List.of("completion"), 100);
        fixture.ollama.setReply(call -> List.of("ok."));
        ServerFixture.await(() -> fixture.server.backends().state().models().stream()
                .anyMatch(m -> m.name().equals(SMALL) && Integer.valueOf(100).equals(m.contextLength())),
                "the small model with its context length");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aRefusedPromptLosesItsOldestTurnsTheUserIsToldAndTheReplyArrives() throws Exception {
        try (TestClient client = fixture.connect()) {
            for (int i = 1; i <= 3; i++) {
                client.send(new ChatRequest("q" + i, question(i), SMALL, null));
                assertThat(client.next(ReplyStarted.class).trimmedMessages()).isZero();
                client.until(ReplyDone.class);
            }
            int before = fixture.ollama.chatCalls().size();

            client.send(new ChatRequest("q4", question(4), SMALL, null));
            ReplyStarted started = client.next(ReplyStarted.class);
            List<ServerMessage> rest = client.until(ReplyDone.class);

            assertThat(started.trimmedMessages()).isEqualTo(2);
            assertThat(started.trimmedFor()).isEqualTo(ReplyStarted.TRIMMED_FOR_CONTEXT);
            assertThat(started.contextMessages()).isEqualTo(6);
            assertThat(rest.get(rest.size() - 1)).isInstanceOf(ReplyDone.class);
            List<ChatCall> calls = fixture.ollama.chatCalls().subList(before, fixture.ollama.chatCalls().size());
            assertThat(calls).as("refused once, then sent again").hasSize(2);
            assertThat(calls.get(0).messages()).hasSize(8);
            assertThat(calls.get(1).messages()).extracting(Message::content)
                    .containsExactly(SYSTEM, question(2), "ok.", question(3), "ok.", question(4));
            assertThat(calls).allSatisfy(c -> assertThat(c.rawBody()).contains("\"truncate\":false"));
        }
    }

    @Test
    void aMessageTooLongForTheContextOnItsOwnGetsAClearErrorAndIsKept() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("q1", question(1), SMALL, null));
            client.until(ReplyDone.class);

            client.send(new ChatRequest("q2", "far too long ".repeat(40), SMALL, null));
            ErrorMessage error = client.awaitFrame(ErrorMessage.class);

            assertThat(error.code()).isEqualTo(ErrorCode.CONTEXT_TOO_SMALL);
            assertThat(error.message()).contains(SMALL).contains("100 tokens").contains("kept");
            ChatCall last = fixture.ollama.chatCalls().get(fixture.ollama.chatCalls().size() - 1);
            assertThat(last.messages()).extracting(Message::role).containsExactly("system", "user");

            client.send(new RetryRequest("r1", "llama3:8b"));
            client.until(ReplyDone.class);
            assertThat(fixture.ollama.chatCalls().get(fixture.ollama.chatCalls().size() - 1).lastUserContent())
                    .as("the text was kept for a retry").startsWith("far too long");
        }
    }

    private static String question(int n) {
        String text = "Question " + n + ": ";
        return text + "x".repeat(80 - text.length());
    }
}
