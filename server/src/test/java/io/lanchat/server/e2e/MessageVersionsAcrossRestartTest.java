package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.BranchShown;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.EditRequest;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.RegenerateRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.SwitchVersionRequest;
import io.lanchat.protocol.VersionInfo;
import io.lanchat.standin.Thinking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Versions of messages outlive the server: the shown branch, the hidden ones and their own versions. */
@Timeout(60)
final class MessageVersionsAcrossRestartTest {

    @Test
    void versionsSurviveARestartAndCanStillBeSwitched() throws Exception {
        Path data = Files.createTempDirectory("lanchat-data");
        AtomicInteger replies = new AtomicInteger();
        String key;
        String conversation;
        try (ServerFixture before = ServerFixture.start("--data-dir", data.toString());
             TestClient client = before.connect()) {
            before.ollama.setReply(call -> List.of("r", String.valueOf(replies.incrementAndGet())));
            key = client.hello.ownerKey();
            conversation = client.hello.sessionId();
            client.send(new ChatRequest("c1", "q1"));
            client.awaitFrame(ReplyDone.class);
            client.send(new ChatRequest("c2", "q2"));
            client.awaitFrame(ReplyDone.class);
            client.send(new RegenerateRequest("g", null, null));         // message 3: r2, r3
            client.awaitFrame(BranchShown.class);
            client.send(new EditRequest("e", null, 2, "q2'", null));     // message 2: q2 (r2/r3), q2' r4
            assertThat(texts(client.awaitFrame(BranchShown.class).history()))
                    .containsExactly("q1", "r1", "q2'", "r4");
        }

        try (ServerFixture after = ServerFixture.start("--data-dir", data.toString());
             TestClient client = after.connectAsOwner(key)) {
            client.send(new OpenConversationRequest("o", conversation, null, null));
            ConversationOpened opened = client.awaitFrame(ConversationOpened.class);
            assertThat(texts(opened.history())).containsExactly("q1", "r1", "q2'", "r4");
            assertThat(opened.history()).extracting(HistoryMessage::versions)
                    .containsExactly(null, null, new VersionInfo(2, 2), null);

            client.send(new SwitchVersionRequest("v", null, 2, 1));
            List<HistoryMessage> back = client.awaitFrame(BranchShown.class).history();
            assertThat(texts(back)).containsExactly("q1", "r1", "q2", "r3");
            assertThat(back.get(3).versions()).as("the hidden branch kept its own versions")
                    .isEqualTo(new VersionInfo(2, 2));
            client.send(new SwitchVersionRequest("v1", null, 3, 1));
            assertThat(texts(client.awaitFrame(BranchShown.class).history())).containsExactly("q1", "r1", "q2", "r2");
        }

        try (ServerFixture again = ServerFixture.start("--data-dir", data.toString());
             TestClient client = again.connectAsOwner(key)) {
            client.send(new OpenConversationRequest("o", conversation, null, null));
            ConversationOpened opened = client.awaitFrame(ConversationOpened.class);
            assertThat(texts(opened.history())).as("the switch was saved too").containsExactly("q1", "r1", "q2", "r2");
            assertThat(opened.history()).extracting(HistoryMessage::versions)
                    .containsExactly(null, null, new VersionInfo(1, 2), new VersionInfo(1, 2));
        }
    }

    @Test
    void aHiddenRepliesReasoningSurvivesARestart() throws Exception {
        Path data = Files.createTempDirectory("lanchat-data");
        String key;
        String conversation;
        try (ServerFixture before = ServerFixture.start("--data-dir", data.toString());
             TestClient client = before.connect()) {
            before.ollama.setThinking("qwen3:0.6b", Thinking.TOGGLE);
            ServerFixture.await(() -> before.server.backends().state().models().stream()
                    .anyMatch(m -> m.name().equals("qwen3:0.6b") && m.has("thinking")), "qwen3 seen thinking");
            key = client.hello.ownerKey();
            conversation = client.hello.sessionId();
            client.send(new ChatRequest("c1", "why?", "qwen3:0.6b", null));
            client.awaitFrame(ReplyDone.class);
            client.send(new RegenerateRequest("g", null, "llama3:8b"));    // a model that does not think
            assertThat(client.awaitFrame(BranchShown.class).history().get(1).thinking()).isNull();
        }

        try (ServerFixture after = ServerFixture.start("--data-dir", data.toString());
             TestClient client = after.connectAsOwner(key)) {
            client.send(new OpenConversationRequest("o", conversation, null, null));
            assertThat(client.awaitFrame(ConversationOpened.class).history().get(1).versions())
                    .isEqualTo(new VersionInfo(2, 2));
            client.send(new SwitchVersionRequest("v", null, 1, 1));
            HistoryMessage first = client.awaitFrame(BranchShown.class).history().get(1);
            assertThat(first.model()).isEqualTo("qwen3:0.6b");
            assertThat(first.thinking()).isEqualTo("Thinking about: why?");
        }
    }

    @Test
    void versionsTheMemoryBudgetLeavesOutAreStillSaved() throws Exception {
        Path data = Files.createTempDirectory("lanchat-data");
        AtomicInteger replies = new AtomicInteger();
        String key;
        String conversation;
        try (ServerFixture tight = ServerFixture.start("--data-dir", data.toString(), "--max-message-chars", "10",
                "--max-reply-chars", "12", "--max-session-chars", "35");
             TestClient client = tight.connect()) {
            tight.ollama.setReply(call -> List.of("reply-no-", String.valueOf(replies.incrementAndGet())));
            key = client.hello.ownerKey();
            conversation = client.hello.sessionId();
            client.send(new ChatRequest("c1", "question12"));
            client.awaitFrame(ReplyDone.class);
            client.send(new RegenerateRequest("g", null, null));

            List<HistoryMessage> shown = client.awaitFrame(BranchShown.class).history();
            assertThat(texts(shown)).containsExactly("question12", "reply-no-2");
            assertThat(shown.get(1).versions()).as("30 characters (title included) + 10 hidden > 35: memory drops the hidden")
                    .isNull();
        }

        try (ServerFixture roomy = ServerFixture.start("--data-dir", data.toString());
             TestClient client = roomy.connectAsOwner(key)) {
            client.send(new OpenConversationRequest("o", conversation, null, null));
            List<HistoryMessage> opened = client.awaitFrame(ConversationOpened.class).history();
            assertThat(opened.get(1).versions()).as("the store kept it").isEqualTo(new VersionInfo(2, 2));
            client.send(new SwitchVersionRequest("v", null, 1, 1));
            assertThat(texts(client.awaitFrame(BranchShown.class).history()))
                    .containsExactly("question12", "reply-no-1");
        }
    }

    private static List<String> texts(List<HistoryMessage> history) {
        return history.stream().map(HistoryMessage::content).toList();
    }
}
