package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.BranchShown;
import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ConversationExport;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ConversationUpdated;
import io.lanchat.protocol.ExportConversationRequest;
import io.lanchat.protocol.ImportConversationRequest;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.EditRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.RegenerateRequest;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.protocol.SwitchVersionRequest;
import io.lanchat.protocol.VersionInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanchat.standin.ChatCall;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Regenerate, edit and switching versions, end to end: a real server, its SQLite store and the stand-in Ollama. */
@Timeout(60)
final class MessageVersionsTest {
    private ServerFixture server;
    private TestClient client;
    private final AtomicInteger replies = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = ServerFixture.start();
        // Every reply different, so versions can be told apart: "r1", "r2", ...
        server.ollama.setReply(call -> List.of("r", String.valueOf(replies.incrementAndGet())));
        client = server.connect();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private void chat(String text) throws Exception {
        client.send(new ChatRequest(text, text));
        client.awaitFrame(ReplyDone.class);
    }

    private static List<String> texts(BranchShown branch) {
        return branch.history().stream().map(HistoryMessage::content).toList();
    }

    private List<String> lastSentToOllama() {
        List<ChatCall> calls = server.ollama.chatCalls();
        return calls.get(calls.size() - 1).messages().stream().map(m -> m.content()).toList();
    }

    @Test
    void regenerateKeepsTheOldReplyAsVersionOneOfTwo() throws Exception {
        chat("q");

        client.send(new RegenerateRequest("g", null, null));
        assertThat(client.awaitFrame(ReplyDone.class).id()).isEqualTo("g");
        BranchShown regenerated = client.awaitFrame(BranchShown.class);

        assertThat(regenerated.id()).isEqualTo("g");
        assertThat(regenerated.conversationId()).isEqualTo(client.hello.sessionId());
        assertThat(texts(regenerated)).containsExactly("q", "r2");
        assertThat(regenerated.history()).extracting(HistoryMessage::seq).containsExactly(0, 1);
        assertThat(regenerated.history()).extracting(HistoryMessage::versions)
                .containsExactly(null, new VersionInfo(2, 2));
        assertThat(lastSentToOllama()).as("the old reply is not in the history sent").containsExactly("q");

        client.send(new SwitchVersionRequest("v", null, 1, 1));
        BranchShown first = client.awaitFrame(BranchShown.class);
        assertThat(texts(first)).containsExactly("q", "r1");
        assertThat(first.history().get(1).versions()).isEqualTo(new VersionInfo(1, 2));
    }

    @Test
    void editMakesABranchAndSwitchingBackRestoresItAndTheNextReplysHistory() throws Exception {
        chat("q1");
        chat("q2");

        client.send(new EditRequest("e", null, 2, "q2 edited", null));
        client.awaitFrame(ReplyDone.class);
        BranchShown edited = client.awaitFrame(BranchShown.class);
        assertThat(texts(edited)).containsExactly("q1", "r1", "q2 edited", "r3");
        assertThat(edited.history().get(2).versions()).isEqualTo(new VersionInfo(2, 2));
        assertThat(lastSentToOllama()).containsExactly("q1", "r1", "q2 edited");

        client.send(new SwitchVersionRequest("back", null, 2, 1));
        BranchShown back = client.awaitFrame(BranchShown.class);
        assertThat(texts(back)).containsExactly("q1", "r1", "q2", "r2");
        assertThat(back.history().get(2).versions()).isEqualTo(new VersionInfo(1, 2));

        chat("q3");
        assertThat(lastSentToOllama()).as("the next reply follows the branch shown")
                .containsExactly("q1", "r1", "q2", "r2", "q3");
    }

    @Test
    void badRequestsAreAnsweredWithClearErrors() throws Exception {
        client.send(new RegenerateRequest("nothing", null, null));
        assertThat(error()).isEqualTo(ErrorCode.BAD_REQUEST);
        chat("q");

        client.send(new SwitchVersionRequest("one", null, 1, 1));
        assertThat(error()).as("a message with one version").isEqualTo(ErrorCode.BAD_REQUEST);
        client.send(new EditRequest("reply", null, 1, "x", null));
        assertThat(error()).as("a reply is not edited").isEqualTo(ErrorCode.BAD_REQUEST);
        client.send(new EditRequest("beyond", null, 7, "x", null));
        assertThat(error()).isEqualTo(ErrorCode.BAD_REQUEST);
        client.send(new RegenerateRequest("g", null, null));
        client.awaitFrame(BranchShown.class);
        client.send(new SwitchVersionRequest("three", null, 1, 3));
        assertThat(error()).as("version 3 of 2").isEqualTo(ErrorCode.BAD_REQUEST);
        client.send(new RegenerateRequest("other", "someone-elses-conversation", null));
        assertThat(error()).as("another id, answered like an unknown one").isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void nothingChangesWhileAReplyIsStreaming() throws Exception {
        chat("q");
        server.ollama.setReply(call -> Collections.nCopies(200, "slow "));
        server.ollama.setTokenDelay(Duration.ofMillis(50));
        client.send(new ChatRequest("long", "write a lot"));
        client.awaitFrame(ReplyStarted.class);

        client.send(new RegenerateRequest("g", null, null));
        assertThat(error()).isEqualTo(ErrorCode.REPLY_IN_PROGRESS);
        client.send(new EditRequest("e", null, 0, "q'", null));
        assertThat(error()).isEqualTo(ErrorCode.REPLY_IN_PROGRESS);
        client.send(new CancelRequest("stop"));
        client.awaitFrame(ReplyCancelled.class);
    }

    @Test
    void openingWhileAnEditIsWrittenShowsTheOldBranchAndTheReplyThenTheNewBranch() throws Exception {
        chat("q1");
        client.send(new ChatRequest("failing", "q2"));
        server.ollama.stop();
        server.awaitOllama(false);
        client.send(new io.lanchat.protocol.RetryRequest("again", null));
        assertThat(error()).as("q2 waits for a retry").isEqualTo(ErrorCode.OLLAMA_UNAVAILABLE);
        server.ollama.restart();
        server.awaitOllama(true);
        server.ollama.setReply(call -> Collections.nCopies(40, "slow "));
        server.ollama.setTokenDelay(Duration.ofMillis(50));
        client.send(new EditRequest("e", null, 0, "q1 edited", null));
        client.awaitFrame(ReplyStarted.class);

        try (TestClient other = server.connectAsOwner(client.hello.ownerKey())) {
            other.send(new OpenConversationRequest("o", client.hello.sessionId(), "e", null));
            ConversationOpened opened = other.awaitFrame(ConversationOpened.class);

            assertThat(opened.history()).extracting(HistoryMessage::content).containsExactly("q1", "r1");
            assertThat(opened.pending()).as("q2 waits in the branch being replaced").isNull();
            assertThat(opened.reply().id()).isEqualTo("e");
            other.awaitFrame(ReplyDone.class);
            BranchShown branch = other.awaitFrame(BranchShown.class);
            assertThat(texts(branch)).containsExactly("q1 edited", String.join("", Collections.nCopies(40, "slow ")));
            assertThat(branch.pending()).isNull();
            other.send(new SwitchVersionRequest("back", null, 0, 1));
            assertThat(other.awaitFrame(BranchShown.class).pending()).isEqualTo("q2");
        }
    }

    @Test
    void aStoppedRegenerationIsKeptAsTheNewVersion() throws Exception {
        chat("q");
        server.ollama.setReply(call -> Collections.nCopies(200, "slow "));
        server.ollama.setTokenDelay(Duration.ofMillis(50));

        client.send(new RegenerateRequest("g", null, null));
        client.awaitFrame(ReplyStarted.class);
        client.send(new CancelRequest("stop"));
        client.awaitFrame(ReplyCancelled.class);
        BranchShown branch = client.awaitFrame(BranchShown.class);

        assertThat(branch.history()).hasSize(2);
        assertThat(branch.history().get(1).cancelled()).isTrue();
        assertThat(branch.history().get(1).versions()).isEqualTo(new VersionInfo(2, 2));
    }

    @Test
    void exportShowsTheBranchShownInMarkdownAndEveryVersionInJsonWhichImportReadsAsTheBranchShown()
            throws Exception {
        chat("q");
        client.send(new RegenerateRequest("g", null, null));
        client.awaitFrame(BranchShown.class);
        String id = client.hello.sessionId();

        client.send(new ExportConversationRequest("m", id, "markdown"));
        String markdown = client.awaitFrame(ConversationExport.class).content();
        client.send(new ExportConversationRequest("j", id, "json"));
        String json = client.awaitFrame(ConversationExport.class).content();

        assertThat(markdown).contains("r2").doesNotContain("r1");
        JsonNode reply = new ObjectMapper().readTree(json).get("messages").get(1);
        assertThat(reply.get("content").asText()).isEqualTo("r2");
        assertThat(reply.at("/versions/index").asInt()).isEqualTo(2);
        assertThat(reply.at("/versions/count").asInt()).isEqualTo(2);
        assertThat(reply.at("/versions/others/0/version").asInt()).isEqualTo(1);
        assertThat(reply.at("/versions/others/0/messages/0/content").asText()).isEqualTo("r1");

        client.send(new ImportConversationRequest("i", json));
        String copy = client.awaitFrame(ConversationUpdated.class).conversation().id();
        client.send(new OpenConversationRequest("o", copy, null, null));
        assertThat(client.awaitFrame(ConversationOpened.class).history()).extracting(HistoryMessage::content)
                .containsExactly("q", "r2");
    }

    @Test
    void regenerateAndEditCountAgainstTheSameRateLimitAsChats() throws Exception {
        try (ServerFixture limited = ServerFixture.start("--messages-per-minute", "2");
             TestClient c = limited.connect()) {
            c.send(new ChatRequest("c1", "one"));
            c.awaitFrame(ReplyDone.class);
            c.send(new RegenerateRequest("g1", null, null));
            c.awaitFrame(BranchShown.class);

            c.send(new EditRequest("e1", null, 0, "one, edited", null));
            ErrorMessage edit = c.awaitFrame(ErrorMessage.class);
            c.send(new RegenerateRequest("g2", null, null));
            ErrorMessage regenerate = c.awaitFrame(ErrorMessage.class);

            assertThat(List.of(edit, regenerate)).extracting(ErrorMessage::code)
                    .containsOnly(ErrorCode.RATE_LIMITED);
            assertThat(edit.retryable()).isTrue();
            assertThat(limited.ollama.chatCalls()).as("neither reached Ollama").hasSize(2);
        }
    }

    private ErrorCode error() throws InterruptedException {
        return client.awaitFrame(ErrorMessage.class).code();
    }
}
