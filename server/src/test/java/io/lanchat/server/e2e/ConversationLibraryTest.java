package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ConversationDeleted;
import io.lanchat.protocol.ConversationExport;
import io.lanchat.protocol.ConversationList;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ConversationSettings;
import io.lanchat.protocol.ConversationSummary;
import io.lanchat.protocol.ConversationUpdated;
import io.lanchat.protocol.CreateConversationRequest;
import io.lanchat.protocol.DeleteConversationRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ExportConversationRequest;
import io.lanchat.protocol.HistoryCleared;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ImportConversationRequest;
import io.lanchat.protocol.ListConversationsRequest;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.RenameConversationRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ResetRequest;
import io.lanchat.protocol.SearchConversationsRequest;
import io.lanchat.protocol.UpdateSettingsRequest;
import io.lanchat.standin.ChatCall;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A person's conversations end to end, over real WebSockets: owned by a key, listed, opened from another
 * connection, switched while a reply runs, renamed, set up, searched, exported, imported and deleted. Subclasses
 * run the same against each store.
 */
abstract class ConversationLibraryTest {
    ServerFixture fixture;

    /** The server's store flags. */
    abstract String[] storeArgs() throws Exception;

    /** What hello says the store is. */
    abstract String kind();

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start(storeArgs());
        fixture.ollama.setReply(call -> List.of("Answer ", "to ", call.lastUserContent()));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** A new client: connects without a key and keeps the one it is given. */
    private String newOwner() throws Exception {
        try (TestClient client = fixture.connect()) {
            assertThat(client.hello.ownerKey()).hasSize(43);
            return client.hello.ownerKey();
        }
    }

    private static void chat(TestClient client, String id, String text) throws Exception {
        client.send(new ChatRequest(id, text));
        client.awaitFrame(ReplyDone.class);
    }

    private static List<ConversationSummary> list(TestClient client) throws Exception {
        client.send(new ListConversationsRequest("l", null, null));
        return client.awaitFrame(ConversationList.class).conversations();
    }

    @Test
    void aKeyIsIssuedOnceAndItsConversationsFollowItToAnotherConnection() throws Exception {
        String key = newOwner();
        String conversationId;
        try (TestClient first = fixture.connectAsOwner(key)) {
            assertThat(first.hello.ownerKey()).as("a client that presents its key gets none").isNull();
            assertThat(first.hello.store()).isEqualTo(kind());
            conversationId = first.hello.sessionId();
            chat(first, "c1", "Why is the sky blue?\nExplain briefly.");
        }
        try (TestClient second = fixture.connectAsOwner(key)) {
            List<ConversationSummary> mine = list(second);
            assertThat(mine).extracting(ConversationSummary::id).containsExactly(conversationId);
            assertThat(mine.get(0).title()).isEqualTo("Why is the sky blue?");
            assertThat(mine.get(0).messages()).isEqualTo(2);
            assertThat(mine.get(0).model()).as("no model setting: the last reply's").isEqualTo("llama3:8b");

            second.send(new OpenConversationRequest("o", conversationId, null, null));
            ConversationOpened opened = second.awaitFrame(ConversationOpened.class);
            assertThat(opened.history()).extracting(HistoryMessage::content)
                    .containsExactly("Why is the sky blue?\nExplain briefly.", "Answer to Why is the sky blue?\nExplain briefly.");

            chat(second, "c2", "And at sunset?");
            ChatCall call = fixture.ollama.chatCalls().get(fixture.ollama.chatCalls().size() - 1);
            assertThat(call.messages()).as("the model sees the earlier exchange").hasSize(3);
        }
    }

    @Test
    void anotherOwnersConversationIsNotFoundExactlyLikeOneThatNeverExisted() throws Exception {
        String alice = newOwner();
        String aliceChat;
        try (TestClient client = fixture.connectAsOwner(alice)) {
            aliceChat = client.hello.sessionId();
            chat(client, "c1", "my secret plans");
        }
        try (TestClient mallory = fixture.connectAsOwner(newOwner())) {
            assertThat(list(mallory)).isEmpty();
            mallory.send(new OpenConversationRequest("o1", aliceChat, null, null));
            ErrorMessage theirs = mallory.awaitFrame(ErrorMessage.class);
            mallory.send(new OpenConversationRequest("o2", "no-such-conversation", null, null));
            ErrorMessage unknown = mallory.awaitFrame(ErrorMessage.class);
            assertThat(theirs.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(theirs.message()).isEqualTo(unknown.message());
            for (var request : List.of(new RenameConversationRequest("x", aliceChat, "mine now"),
                    new ExportConversationRequest("x", aliceChat, "json"), new DeleteConversationRequest("x", aliceChat),
                    new UpdateSettingsRequest("x", aliceChat, new ConversationSettings("qwen2.5:0.5b", null, null)))) {
                mallory.send(request);
                assertThat(mallory.awaitFrame(ErrorMessage.class).code()).as(request.toString())
                        .isEqualTo(ErrorCode.NOT_FOUND);
            }
            mallory.send(new SearchConversationsRequest("s", "secret", null, null));
            assertThat(mallory.awaitFrame(ConversationList.class).conversations()).isEmpty();
        }
        try (TestClient client = fixture.connectAsOwner(alice)) {
            assertThat(list(client)).extracting(ConversationSummary::title).containsExactly("my secret plans");
        }
    }

    @Test
    void aReplyGoesOnWhenItsConversationIsLeftAndIsThereOnReturn() throws Exception {
        fixture.ollama.setTokenDelay(Duration.ofMillis(40));
        fixture.ollama.setReply(call -> List.of("one ", "two ", "three ", "four ", "five ", "six ", "seven ",
                "eight ", "nine ", "ten"));
        try (TestClient client = fixture.connectAsOwner(newOwner())) {
            String first = client.hello.sessionId();
            client.send(new ChatRequest("c1", "count to ten"));
            client.awaitFrame(io.lanchat.protocol.TokenDelta.class);
            client.send(new CreateConversationRequest("n", null, null));
            ConversationOpened created = client.awaitFrame(ConversationOpened.class);
            assertThat(created.conversation().id()).isNotEqualTo(first);
            assertThat(list(client)).filteredOn(c -> c.id().equals(first)).singleElement()
                    .satisfies(c -> assertThat(c.streaming()).as("listed as streaming").isTrue());

            ServerFixture.await(() -> fixture.server.openOllamaStreams() == 0, "the reply left behind to end");
            client.send(new OpenConversationRequest("o", first, null, null));
            ConversationOpened back = client.awaitFrame(ConversationOpened.class);
            assertThat(back.history()).extracting(HistoryMessage::content)
                    .containsExactly("count to ten", "one two three four five six seven eight nine ten");
            assertThat(fixture.ollama.cancelledStreams()).isZero();
        }
    }

    @Test
    void openingFromASecondConnectionShowsTheReplyStillStreamingLive() throws Exception {
        fixture.ollama.setTokenDelay(Duration.ofMillis(40));
        fixture.ollama.setReply(call -> List.of("a ", "b ", "c ", "d ", "e ", "f ", "g ", "h"));
        String key = newOwner();
        try (TestClient first = fixture.connectAsOwner(key); TestClient second = fixture.connectAsOwner(key)) {
            first.send(new ChatRequest("c1", "letters"));
            first.awaitFrame(io.lanchat.protocol.TokenDelta.class);
            second.send(new OpenConversationRequest("o", first.hello.sessionId(), null, null));
            ConversationOpened opened = second.awaitFrame(ConversationOpened.class);
            assertThat(opened.reply()).isNotNull();
            assertThat(opened.pending()).isEqualTo("letters");
            ReplyDone done = second.awaitFrame(ReplyDone.class);
            assertThat(done.id()).isEqualTo("c1");
            assertThat(first.awaitCloseCode()).as("the first connection is told it moved").isEqualTo(4001);
        }
    }

    @Test
    void resetStartsANewConversationAndKeepsTheOldOne() throws Exception {
        try (TestClient client = fixture.connectAsOwner(newOwner())) {
            String old = client.hello.sessionId();
            chat(client, "c1", "first topic");
            client.send(new ResetRequest("r"));
            HistoryCleared cleared = client.awaitFrame(HistoryCleared.class);
            assertThat(cleared.sessionId()).isNotEqualTo(old);
            assertThat(cleared.resumeSecret()).isNotBlank();
            chat(client, "c2", "second topic");
            assertThat(list(client)).extracting(ConversationSummary::title)
                    .containsExactly("second topic", "first topic");
        }
    }

    @Test
    void renameSettingsAndTheirLimits() throws Exception {
        try (TestClient client = fixture.connectAsOwner(newOwner())) {
            String id = client.hello.sessionId();
            chat(client, "c1", "hello");
            client.send(new RenameConversationRequest("r", id, "Greetings"));
            assertThat(client.awaitFrame(ConversationUpdated.class).conversation().title()).isEqualTo("Greetings");
            client.sendRaw("{\"type\":\"rename\",\"id\":\"bad\",\"conversationId\":\"" + id
                    + "\",\"title\":\"two\\nlines\"}");
            assertThat(client.awaitFrame(ErrorMessage.class).code()).isEqualTo(ErrorCode.BAD_REQUEST);

            client.send(new UpdateSettingsRequest("s1", id, new ConversationSettings(null, null,
                    Map.of("temperature", 99))));
            ErrorMessage outOfRange = client.awaitFrame(ErrorMessage.class);
            assertThat(outOfRange.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(outOfRange.message()).contains("temperature");

            client.send(new UpdateSettingsRequest("s2", id, new ConversationSettings("qwen2.5:0.5b",
                    "Answer like a pirate.", Map.of("temperature", 0.2))));
            ConversationUpdated updated = client.awaitFrame(ConversationUpdated.class);
            assertThat(updated.settings().model()).isEqualTo("qwen2.5:0.5b");
            chat(client, "c2", "ahoy?");
            ChatCall call = fixture.ollama.chatCalls().get(fixture.ollama.chatCalls().size() - 1);
            assertThat(call.model()).isEqualTo("qwen2.5:0.5b");
            assertThat(call.messages().get(0).role()).isEqualTo("system");
            assertThat(call.messages().get(0).content()).isEqualTo("Answer like a pirate.");
            assertThat(call.options()).containsEntry("temperature", 0.2);
        }
    }

    @Test
    void aConversationCreatedWithATitleIsListedAtOnceAnUnnamedOneAfterItsFirstMessage() throws Exception {
        try (TestClient client = fixture.connectAsOwner(newOwner())) {
            client.send(new CreateConversationRequest("n1", "Trip plans", null));
            assertThat(client.awaitFrame(ConversationOpened.class).conversation().title()).isEqualTo("Trip plans");
            client.send(new CreateConversationRequest("n2", null, null));
            client.awaitFrame(ConversationOpened.class);
            assertThat(list(client)).extracting(ConversationSummary::title).containsExactly("Trip plans");
            chat(client, "c1", "Now it counts");
            assertThat(list(client)).extracting(ConversationSummary::title).containsExactly("Now it counts", "Trip plans");
        }
    }

    @Test
    void searchFindsWordsInTitlesAndMessages() throws Exception {
        try (TestClient client = fixture.connectAsOwner(newOwner())) {
            chat(client, "c1", "Tell me about penguins");
            client.send(new CreateConversationRequest("n", null, null));
            client.awaitFrame(ConversationOpened.class);
            chat(client, "c2", "Volcanoes of Iceland");
            client.send(new SearchConversationsRequest("s1", "PENGUINS", null, null));
            assertThat(client.awaitFrame(ConversationList.class).conversations())
                    .extracting(ConversationSummary::title).containsExactly("Tell me about penguins");
            client.send(new SearchConversationsRequest("s2", "answer iceland", null, null));
            assertThat(client.awaitFrame(ConversationList.class).conversations())
                    .extracting(ConversationSummary::title).containsExactly("Volcanoes of Iceland");
            client.send(new SearchConversationsRequest("s3", "100%", null, null));
            assertThat(client.awaitFrame(ConversationList.class).conversations()).isEmpty();
        }
    }

    @Test
    void listsArePagedNewestFirst() throws Exception {
        try (TestClient client = fixture.connectAsOwner(newOwner())) {
            for (int i = 1; i <= 5; i++) {
                chat(client, "c" + i, "topic " + i);
                client.send(new CreateConversationRequest("n" + i, null, null));
                client.awaitFrame(ConversationOpened.class);
            }
            List<String> titles = new java.util.ArrayList<>();
            String cursor = null;
            do {
                client.send(new ListConversationsRequest("p", cursor, 2));
                ConversationList page = client.awaitFrame(ConversationList.class);
                assertThat(page.conversations()).hasSizeLessThanOrEqualTo(2);
                page.conversations().forEach(c -> titles.add(c.title()));
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(titles).containsExactly("topic 5", "topic 4", "topic 3", "topic 2", "topic 1");
            client.send(new ListConversationsRequest("bad", "not-a-cursor", 2));
            assertThat(client.awaitFrame(ErrorMessage.class).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        }
    }

    @Test
    void exportThenImportMakesACopyAndBadImportsAreRefused() throws Exception {
        try (TestClient client = fixture.connectAsOwner(newOwner())) {
            String id = client.hello.sessionId();
            chat(client, "c1", "What is a haiku?");
            client.send(new ExportConversationRequest("m", id, "markdown"));
            ConversationExport markdown = client.awaitFrame(ConversationExport.class);
            assertThat(markdown.filename()).isEqualTo("what-is-a-haiku.md");
            assertThat(markdown.content()).startsWith("# What is a haiku?").contains("Answer to What is a haiku?");

            client.send(new ExportConversationRequest("j", id, "json"));
            ConversationExport json = client.awaitFrame(ConversationExport.class);
            client.send(new ImportConversationRequest("i", json.content()));
            ConversationUpdated imported = client.awaitFrame(ConversationUpdated.class);
            assertThat(imported.conversation().id()).isNotEqualTo(id);
            assertThat(imported.conversation().messages()).isEqualTo(2);

            client.send(new OpenConversationRequest("o", imported.conversation().id(), null, null));
            assertThat(client.awaitFrame(ConversationOpened.class).history()).extracting(HistoryMessage::content)
                    .containsExactly("What is a haiku?", "Answer to What is a haiku?");

            for (String bad : List.of("not json", "{\"format\":\"something-else\",\"version\":1}",
                    "{\"format\":\"lanchat-conversation\",\"version\":1,\"messages\":[{\"role\":\"system\","
                            + "\"content\":\"x\"}]}")) {
                client.send(new ImportConversationRequest("bad", bad));
                assertThat(client.awaitFrame(ErrorMessage.class).code()).as(bad).isEqualTo(ErrorCode.BAD_REQUEST);
            }
            assertThat(list(client)).hasSize(2);
        }
    }

    @Test
    void deletingRemovesTheConversationAndMovesItsConnectionToANewOne() throws Exception {
        try (TestClient client = fixture.connectAsOwner(newOwner())) {
            String id = client.hello.sessionId();
            chat(client, "c1", "forget me");
            client.send(new DeleteConversationRequest("d", id));
            assertThat(client.next(ConversationDeleted.class).conversationId()).isEqualTo(id);
            HistoryCleared cleared = client.next(HistoryCleared.class);
            assertThat(cleared.id()).as("the new conversation answers the delete too").isEqualTo("d");
            assertThat(cleared.sessionId()).isNotEqualTo(id);
            assertThat(list(client)).isEmpty();
            client.send(new OpenConversationRequest("o", id, null, null));
            assertThat(client.awaitFrame(ErrorMessage.class).code()).isEqualTo(ErrorCode.NOT_FOUND);
            chat(client, "c2", "still chatting");
            assertThat(list(client)).extracting(ConversationSummary::title).containsExactly("still chatting");
        }
    }
}
