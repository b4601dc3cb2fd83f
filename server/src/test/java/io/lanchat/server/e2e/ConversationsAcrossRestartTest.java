package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ConversationList;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ConversationSummary;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ListConversationsRequest;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ResetRequest;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.RetryRequest;
import io.lanchat.standin.ChatCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a person finds after the server restarts on the same SQLite file: every conversation, continuable. */
class ConversationsAcrossRestartTest {

    @Test
    void everyConversationIsListedAndContinuableAfterARestart() throws Exception {
        Path data = Files.createTempDirectory("lanchat-data");
        String key;
        String first;
        String unanswered;
        String oldSecret;
        try (ServerFixture before = ServerFixture.start("--data-dir", data.toString())) {
            before.ollama.setReply(call -> List.of("About ", call.lastUserContent()));
            try (TestClient client = before.connect()) {
                key = client.hello.ownerKey();
                first = client.hello.sessionId();
                oldSecret = client.hello.resumeSecret();
                client.send(new ChatRequest("c1", "Tell me about tides"));
                client.awaitFrame(ReplyDone.class);
                client.send(new ResetRequest("r"));
                unanswered = client.awaitFrame(io.lanchat.protocol.HistoryCleared.class).sessionId();
                before.ollama.stop();           // the next message fails: it must still be kept
                before.awaitOllama(false);
                client.send(new ChatRequest("c2", "What about waves?"));
                assertThat(client.awaitFrame(ErrorMessage.class).code()).isEqualTo(ErrorCode.OLLAMA_UNAVAILABLE);
            }
        }

        try (ServerFixture after = ServerFixture.start("--data-dir", data.toString())) {
            after.ollama.setReply(call -> List.of("Again about ", call.lastUserContent()));
            try (TestClient client = after.connectAsOwner(key)) {
                client.send(new ResumeRequest("s", first, oldSecret, null, null));
                assertThat(client.awaitFrame(ErrorMessage.class).code()).as("sessions do not outlive the server")
                        .isEqualTo(ErrorCode.RESUME_FAILED);

                client.send(new ListConversationsRequest("l", null, null));
                List<ConversationSummary> listed = client.awaitFrame(ConversationList.class).conversations();
                assertThat(listed).extracting(ConversationSummary::title)
                        .containsExactly("What about waves?", "Tell me about tides");
                assertThat(listed).extracting(ConversationSummary::messages).containsExactly(1, 2);

                client.send(new OpenConversationRequest("o1", unanswered, null, null));
                ConversationOpened waiting = client.awaitFrame(ConversationOpened.class);
                assertThat(waiting.pending()).as("what was typed survives").isEqualTo("What about waves?");
                client.send(new RetryRequest("again", null));
                assertThat(client.awaitFrame(ReplyDone.class).id()).isEqualTo("again");

                client.send(new OpenConversationRequest("o2", first, null, null));
                ConversationOpened opened = client.awaitFrame(ConversationOpened.class);
                assertThat(opened.history()).extracting(HistoryMessage::content)
                        .containsExactly("Tell me about tides", "About Tell me about tides");
                assertThat(opened.history().get(1).model()).isEqualTo("llama3:8b");
                client.send(new ChatRequest("c3", "And the moon?"));
                client.awaitFrame(ReplyDone.class);
                ChatCall call = after.ollama.chatCalls().get(after.ollama.chatCalls().size() - 1);
                assertThat(call.messages()).extracting(m -> m.content())
                        .containsExactly("Tell me about tides", "About Tell me about tides", "And the moon?");
            }
            try (TestClient stranger = after.connect()) {
                stranger.send(new ListConversationsRequest("l", null, null));
                assertThat(stranger.awaitFrame(ConversationList.class).conversations()).isEmpty();
            }
        }
    }
}
