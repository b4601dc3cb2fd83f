package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.CreateConversationRequest;
import io.lanchat.protocol.DeleteConversationRequest;
import io.lanchat.protocol.ExportConversationRequest;
import io.lanchat.protocol.ImportConversationRequest;
import io.lanchat.protocol.ListConversationsRequest;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.RenameConversationRequest;
import io.lanchat.protocol.ReplyInProgress;
import io.lanchat.protocol.ResetRequest;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.SearchConversationsRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The interactive conversation commands against {@link FakeConversationServer}: the frames sent, the screen shown. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class ConversationsInteractiveTest {
    private static final String KEY = "my-owner-key_123";

    @TempDir
    Path dir;
    private FakeConversationServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = new FakeConversationServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void chatsListsNewestFirstAndOpenByNumberShowsTheHistoryAndContinuesThere() throws Exception {
        server.add(KEY, "Old trip plans", 3 * 24 * 60, "where to?", "Lisbon");
        FakeConversationServer.Conversation recent = server.add(KEY, "Soup recipe", 5, "how do I make soup?",
                "boil water");
        server.add("someone-else", "Not mine", 1, "secret", "stuff");
        try (InteractiveHarness chat = connect()) {
            chat.type("/chats");

            String list = chat.awaitOut("/open N opens one");
            assertThat(server.received(ListConversationsRequest.class)).hasSize(1);
            assertThat(list).contains("Your conversations, newest first:")
                    .containsPattern("  1\\. Soup recipe +llama3:8b +5 min ago +2 msgs")
                    .containsPattern("  2\\. Old trip plans +llama3:8b +3 days ago +2 msgs")
                    .doesNotContain("Not mine");

            chat.type("/open 1");

            String opened = chat.awaitOut("boil water");
            assertThat(server.received(OpenConversationRequest.class)).extracting(OpenConversationRequest::conversationId)
                    .containsExactly(recent.id);
            assertThat(opened).contains("* Opened \"Soup recipe\" (2 messages, llama3:8b")
                    .contains("> how do I make soup?");

            chat.type("and salt?");
            chat.awaitOut("echo: and salt?");
            LiveServer.await(() -> recent.history.size() == 4, "the chat to land in the opened conversation");
        }
    }

    @Test
    void resumeAfterADropUsesTheConversationOpenedLastAndItsSecret() throws Exception {
        FakeConversationServer.Conversation c = server.add(KEY, "Kept", 60, "q", "a");
        try (InteractiveHarness chat = connect()) {
            chat.type("/open " + c.id);
            chat.awaitOut("* Opened \"Kept\"");

            server.dropAll();

            chat.awaitErr("reconnected and resumed the conversation");
            ResumeRequest resume = server.received(ResumeRequest.class).get(0);
            assertThat(resume.sessionId()).isEqualTo(c.id);
            assertThat(resume.secret()).isEqualTo(c.secret);
        }
    }

    @Test
    void resumeAfterResetOrNewUsesTheNewConversation() throws Exception {
        try (InteractiveHarness chat = connect()) {
            chat.type("first");
            chat.awaitOut("echo: first");
            chat.type("/reset");
            chat.awaitOut("* New conversation; the one you left is kept");
            String afterReset = server.received(ResetRequest.class).size() == 1 ? lastSessionAfterDrop(chat) : null;

            chat.type("/new");
            chat.awaitOut("* New conversation (the one you left is kept");
            assertThat(server.received(CreateConversationRequest.class)).hasSize(1);
            String afterNew = lastSessionAfterDrop(chat);

            assertThat(afterReset).isNotNull().isNotEqualTo(afterNew);
            assertThat(server.find(afterReset)).isPresent();
            assertThat(server.find(afterNew)).isPresent();
            assertThat(server.find(afterNew).get().secret)
                    .isEqualTo(server.received(ResumeRequest.class).get(1).secret());
        }
    }

    @Test
    void renameSearchDeleteWithConfirmationAndNotFound() throws Exception {
        server.add(KEY, "Gardening", 30, "tomatoes?", "sun");
        FakeConversationServer.Conversation doomed = server.add(KEY, "Taxes 2026", 10, "deadline?", "april");
        try (InteractiveHarness chat = connect()) {
            chat.type("hello there");
            chat.awaitOut("echo: hello there");
            chat.type("/rename Greetings");
            chat.awaitOut("* Renamed to \"Greetings\".");
            RenameConversationRequest rename = server.received(RenameConversationRequest.class).get(0);
            assertThat(rename.title()).isEqualTo("Greetings");
            assertThat(server.find(rename.conversationId()).orElseThrow().title).isEqualTo("Greetings");

            chat.type("/search TAXES");
            assertThat(chat.awaitOut("/open N opens one")).contains("Conversations with \"TAXES\":")
                    .contains("1. Taxes 2026").doesNotContain("Gardening");
            assertThat(server.received(SearchConversationsRequest.class).get(0).query()).isEqualTo("TAXES");

            chat.type("/delete 1");
            chat.awaitOut("Delete \"Taxes 2026\" for good?");
            chat.type("no");
            chat.awaitOut("Kept \"Taxes 2026\".");
            assertThat(server.received(DeleteConversationRequest.class)).isEmpty();
            chat.type("/delete 1");
            chat.awaitOut("for good?");
            chat.type("yes");
            chat.awaitOut("* Deleted \"Taxes 2026\".");
            assertThat(server.received(DeleteConversationRequest.class)).extracting(
                    DeleteConversationRequest::conversationId).containsExactly(doomed.id);
            chat.type("/open 1");
            chat.awaitOut("Conversation 1 was deleted.");

            chat.type("/open conv-999");
            chat.awaitOut("No such conversation: it was deleted, or it is not yours");

            chat.type("/delete yes");       // the open conversation, without asking
            chat.awaitOut("* Deleted \"Greetings\" (this conversation).");
            chat.awaitOut("* You are in a new, empty conversation now.");
            assertThat(server.find(rename.conversationId())).isEmpty();
        }
    }

    @Test
    void chatsMoreShowsTheNextPageNumberedOn() throws Exception {
        for (int i = 0; i < 25; i++) {
            server.add(KEY, "Chat " + i, 100 - i, "q" + i, "a" + i);
        }
        try (InteractiveHarness chat = connect()) {
            chat.type("/chats");
            String first = chat.awaitOut("/chats more shows the next ones; /open N opens one.");
            assertThat(first).contains(" 1. Chat 24").contains("20. Chat 5").doesNotContain("21.");

            chat.type("/chats more");
            String second = chat.awaitOut("/new starts a new conversation.");
            assertThat(second).contains("21. Chat 4").contains("25. Chat 0");
            assertThat(server.received(ListConversationsRequest.class)).extracting(ListConversationsRequest::cursor)
                    .containsExactly(null, "20");

            chat.type("/open 25");
            chat.awaitOut("* Opened \"Chat 0\"");
        }
    }

    @Test
    void exportWritesTheFileAndImportSendsItBack() throws Exception {
        server.add(KEY, "Poems", 10, "a poem please", "roses are red");
        try (InteractiveHarness chat = connect()) {
            chat.type("/chats");
            chat.awaitOut("/open N opens one");
            chat.type("/open 1");
            chat.awaitOut("roses are red");

            Path md = dir.resolve("out").resolve("poems.md");
            Files.createDirectories(md.getParent());
            chat.type("/export " + md);
            chat.awaitOut("* Exported to " + md + " (markdown).");
            assertThat(Files.readString(md)).isEqualTo("# Poems\n\na poem please\n");
            assertThat(server.received(ExportConversationRequest.class).get(0).format()).isEqualTo("markdown");

            Path json = dir.resolve("poems.json");
            chat.type("/export " + json);
            chat.awaitOut("(json).");
            assertThat(Files.list(dir)).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));

            chat.type("/export poems.txt");
            chat.awaitOut("end it in .md (Markdown) or .json");
            assertThat(server.received(ExportConversationRequest.class)).hasSize(2);

            chat.type("/import " + json);
            chat.awaitOut("* Imported as \"Poems\" (2 messages)");
            assertThat(server.received(ImportConversationRequest.class).get(0).content())
                    .isEqualTo(Files.readString(json, StandardCharsets.UTF_8));
        }
    }

    @Test
    void openingAConversationWhoseReplyIsStillStreamingShowsItLive() throws Exception {
        FakeConversationServer.Conversation c = server.add(KEY, "Busy", 1, "first?", "yes");
        c.pending = "second?";
        c.streaming = new ReplyInProgress("c9", "llama3:8b", 0);
        try (InteractiveHarness chat = connect()) {
            chat.type("/open " + c.id);

            String shown = chat.awaitOut("[llama3:8b");
            assertThat(shown).contains("> first?").contains("yes").contains("> second?")
                    .contains("[the reply is still being written").contains("still writing");

            chat.type("next");
            chat.awaitOut("echo: next");
            assertThat(server.received(ChatRequest.class)).extracting(ChatRequest::text).containsExactly("next");
        }
    }

    @Test
    void keyIsShownOnlyOnRequestWithAWarning() throws Exception {
        try (InteractiveHarness chat = connect()) {
            chat.type("/help");
            chat.awaitOut("/quit");
            assertThat(chat.out() + chat.err()).doesNotContain(KEY);

            chat.type("/key");

            assertThat(chat.awaitOut("--owner-key KEY")).contains("whoever has it can read, continue and delete")
                    .contains("  " + KEY);
        }
    }

    /** Drops the connection, waits for the resume, and returns the session id it asked for. */
    private String lastSessionAfterDrop(InteractiveHarness chat) throws InterruptedException {
        int before = server.received(ResumeRequest.class).size();
        server.dropAll();
        chat.awaitErr("reconnected and resumed the conversation");
        List<ResumeRequest> resumes = server.received(ResumeRequest.class);
        assertThat(resumes).hasSize(before + 1);
        return resumes.get(before).sessionId();
    }

    private InteractiveHarness connect() throws InterruptedException {
        InteractiveHarness chat = new InteractiveHarness(new ClientOptions(URI.create(server.url()), null, null, 1,
                false, false, dir.resolve("owner-key"), KEY, null, null));
        chat.awaitOut("/help lists the commands.");
        return chat;
    }
}
