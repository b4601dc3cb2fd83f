package io.lanchat.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ConversationList;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ConversationUpdated;
import io.lanchat.protocol.DeleteConversationRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ExportConversationRequest;
import io.lanchat.protocol.ImportConversationRequest;
import io.lanchat.protocol.ListConversationsRequest;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.PingRequest;
import io.lanchat.protocol.Pong;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.SearchConversationsRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.standin.StandInOllama;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad library requests at the protocol level against a real server process (issue 12, item 7): each gets one clear
 * frame (an error with the request's id, or the cleaned result), the connection that sent it keeps working, a second
 * person chatting meanwhile notices nothing, and the server's log does not flood.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class BadLibraryInputTest {
    /** Frames up to 1 MB, so that a 10,000-message import reaches the import code instead of the frame limit. */
    private static final int MAX_FRAME_BYTES = 1 << 20;
    private static final String UNKNOWN_ID = "c0ffee-no-such-conversation";

    @TempDir
    static Path temp;
    private static StandInOllama ollama;
    private static ServerProcess server;
    private static WsUser bystander;
    private static Chatter chatting;
    private static Thread chatter;

    @BeforeAll
    static void start() throws Exception {
        ollama = StandInOllama.start();
        ollama.setModels("llama3:8b");
        ollama.setTokenDelay(Duration.ofMillis(5));
        ollama.setReply(call -> List.of("Re: ", call.lastUserContent()));
        server = ServerProcess.start(List.of("--bind", "127.0.0.1", "--port", "0",
                "--ollama-host", ollama.baseUri().toString(), "--model", "llama3:8b",
                "--data-dir", temp.resolve("data").toString(), "--max-frame-bytes", String.valueOf(MAX_FRAME_BYTES),
                "--probe-interval", "100ms", "--probe-max-backoff", "200ms",
                "--messages-per-minute", "10000", "--client-messages-per-minute", "10000",
                "--requests-per-minute", "10000", "--shutdown-grace", "1s"));
        bystander = WsUser.connect(server.port(), null);
        chatting = new Chatter(bystander, "bystander", null);
        chatter = new Thread(chatting, "bystander");
        chatter.setDaemon(true);
        chatter.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (bystander != null) {
                int before = chatting.answered();
                InProcessServer.await(() -> chatting.answered() > before + 2, "the bystander's chats go on",
                        Duration.ofSeconds(15));
                bystander.close();
                chatter.join(10_000);
                assertThat(chatting.problems).as("the bystander's chats").isEmpty();
                System.out.println("BadLibraryInputTest: the bystander got " + chatting.answered()
                        + " replies meanwhile; the server printed " + server.logLines() + " lines");
                assertThat(server.logLines()).as("the log does not flood:\n%s", server.logTail()).isLessThan(60);
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (ollama != null) {
                ollama.close();
            }
        }
    }

    @Test
    void sixtyKilobytesOfGarbageIsNotAnExport() throws Exception {
        Random random = new Random(60);
        String alphabet = "{}[],:0123456789abcdefnulltrue ";
        StringBuilder garbage = new StringBuilder();
        while (garbage.length() < 60_000) {
            garbage.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        try (WsUser user = WsUser.connect(server.port(), null)) {
            assertBadRequest(user, new ImportConversationRequest("i1", garbage.toString()), "not a conversation export");
            assertBadRequest(user, new ImportConversationRequest("i2", "[" + "1,".repeat(29_000) + "1]"),
                    "not a conversation export");
            assertBadRequest(user, new ImportConversationRequest("i3",
                    "{\"format\":\"lanchat-conversation\",\"version\":1,\"messages\":[{\"role\":\"system\","
                            + "\"content\":\"" + "s".repeat(50_000) + "\"}]}"), "role");
            user.sendRaw(garbage.toString());              // not even a frame of JSON
            ErrorMessage raw = (ErrorMessage) user.await(ErrorMessage.class::isInstance, "error", WsUser.WAIT);
            assertThat(raw.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertStillAnswers(user);
        }
    }

    @Test
    void tenThousandTinyMessagesAreOneClearAnswer() throws Exception {
        StringBuilder json = new StringBuilder("{\"format\":\"lanchat-conversation\",\"version\":1,\"title\":\"many\","
                + "\"messages\":[");
        for (int i = 0; i < 10_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant")
                    .append("\",\"content\":\"m").append(i).append("\"}");
        }
        json.append("]}");
        try (WsUser user = WsUser.connect(server.port(), null)) {
            user.send(new ImportConversationRequest("many", json.toString()));
            ServerMessage answer = user.answer("many", ConversationUpdated.class);
            System.out.println("BadLibraryInputTest: a 10,000-message import (" + json.length() + " chars) got "
                    + describe(answer));
            if (answer instanceof ErrorMessage error) {
                assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            } else {
                // Accepted: then it must be a conversation like any other, opened and exported within bounds.
                ConversationUpdated imported = (ConversationUpdated) answer;
                assertThat(imported.conversation().messages()).isEqualTo(10_000);
                user.send(new OpenConversationRequest("open", imported.conversation().id(), null, null));
                ConversationOpened opened = (ConversationOpened) user.answer("open", ConversationOpened.class);
                assertThat(opened.history()).isNotEmpty();
                assertThat(opened.history().get(opened.history().size() - 1).content()).isEqualTo("m9999");
            }
            assertStillAnswers(user);
        }
        String overLimit = "{\"messages\":[" + "{\"role\":\"user\",\"content\":\"x\"},".repeat(40_000) + "]}";
        try (WsUser user = WsUser.connect(server.port(), null)) {
            user.send(new ImportConversationRequest("huge", overLimit));
            assertThat(user.awaitCloseCode()).as("a frame over --max-frame-bytes closes with 1009").isEqualTo(1009);
        }
    }

    @Test
    void anImportedTitleLosesItsControlCharacters() throws Exception {
        String json = "{\"format\":\"lanchat-conversation\",\"version\":1,\"title\":\"Line\\none\\u0000\\ttab\\u001b[31m red\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"hello\"}]}";
        try (WsUser user = WsUser.connect(server.port(), null)) {
            user.send(new ImportConversationRequest("t", json));
            ConversationUpdated imported = (ConversationUpdated) user.answer("t", ConversationUpdated.class);
            user.send(new ListConversationsRequest("l", null, null));
            ConversationList list = (ConversationList) user.answer("l", ConversationList.class);

            assertThat(imported.conversation().title()).isEqualTo("Line one tab [31m red");
            assertThat(list.conversations()).extracting(c -> c.title()).containsExactly("Line one tab [31m red");
        }
    }

    @Test
    void aRenameWithControlCharactersIsABadRequest() throws Exception {
        try (WsUser user = WsUser.connect(server.port(), null)) {
            String conversation = firstConversation(user);
            for (String title : List.of("two\nlines", "nul\u0000", "bell\u0007", "esc\u001b[2J")) {
                String frame = "{\"type\":\"rename\",\"id\":\"rn\",\"conversationId\":\"" + conversation
                        + "\",\"title\":" + com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                        .writeValueAsString(title) + "}";
                user.sendRaw(frame);
                ErrorMessage error = (ErrorMessage) user.await(ErrorMessage.class::isInstance, "error", WsUser.WAIT);
                assertThat(error.code()).as("rename to %s", title).isEqualTo(ErrorCode.BAD_REQUEST);
                assertThat(error.message()).contains("control characters");
            }
            user.send(new ListConversationsRequest("l", null, null));
            ConversationList list = (ConversationList) user.answer("l", ConversationList.class);
            assertThat(list.conversations()).extracting(c -> c.title()).containsExactly("first words");
        }
    }

    @Test
    void anUnknownConversationIsNotFoundForEveryOperation() throws Exception {
        try (WsUser user = WsUser.connect(server.port(), null)) {
            firstConversation(user);
            assertNotFound(user, new OpenConversationRequest("o", UNKNOWN_ID, null, null));
            assertNotFound(user, new io.lanchat.protocol.RenameConversationRequest("r", UNKNOWN_ID, "new"));
            assertNotFound(user, new DeleteConversationRequest("d", UNKNOWN_ID));
            assertNotFound(user, new ExportConversationRequest("e", UNKNOWN_ID, "json"));
            assertNotFound(user, new ExportConversationRequest("m", UNKNOWN_ID, "markdown"));
            assertStillAnswers(user);
        }
    }

    @Test
    void pagesOutOfRangeAndMalformedCursorsAreBadRequests() throws Exception {
        try (WsUser user = WsUser.connect(server.port(), null)) {
            firstConversation(user);
            for (String frame : List.of("{\"type\":\"conversations\",\"id\":\"l0\",\"limit\":0}",
                    "{\"type\":\"conversations\",\"id\":\"l201\",\"limit\":201}",
                    "{\"type\":\"conversations\",\"id\":\"lneg\",\"limit\":-5}")) {
                user.sendRaw(frame);
                ErrorMessage error = (ErrorMessage) user.await(ErrorMessage.class::isInstance, "error", WsUser.WAIT);
                assertThat(error.code()).as(frame).isEqualTo(ErrorCode.BAD_REQUEST);
                assertThat(error.message()).as(frame).contains("limit");
            }
            for (String cursor : List.of("!!not*base64!!", "aGVsbG8", "x".repeat(200))) {
                assertBadRequest(user, new ListConversationsRequest("c", cursor, 10), "cursor");
                assertBadRequest(user, new SearchConversationsRequest("s", "first", cursor, 10), "cursor");
            }
            user.send(new ListConversationsRequest("ok", null, 200));
            assertThat(user.answer("ok", ConversationList.class)).isInstanceOf(ConversationList.class);
        }
    }

    @Test
    void aSearchOfSeventeenWordsIsABadRequest() throws Exception {
        String sixteen = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november"
                + " oscar papa";
        try (WsUser user = WsUser.connect(server.port(), null)) {
            user.send(new ChatRequest("f", sixteen));
            assertThat(user.answer("f", ReplyDone.class)).isInstanceOf(ReplyDone.class);

            assertBadRequest(user, new SearchConversationsRequest("s17", sixteen + " quebec", null, null), "16");
            user.send(new SearchConversationsRequest("s16", sixteen, null, null));
            ConversationList found = (ConversationList) user.answer("s16", ConversationList.class);
            // Words are counted once each: the same word seventeen times is a search of one word.
            user.send(new SearchConversationsRequest("same", String.join(" ",
                    java.util.Collections.nCopies(17, "alpha")), null, null));
            ConversationList same = (ConversationList) user.answer("same", ConversationList.class);

            assertThat(found.conversations()).hasSize(1);
            assertThat(same.conversations()).hasSize(1);
        }
    }

    /** Chats once so the owner has a conversation titled "first words"; returns its id. */
    private static String firstConversation(WsUser user) throws Exception {
        user.send(new ChatRequest("f", "first words"));
        assertThat(user.answer("f", ReplyDone.class)).isInstanceOf(ReplyDone.class);
        return user.hello.sessionId();
    }

    private static void assertBadRequest(WsUser user, ClientMessage request, String saying) throws Exception {
        assertError(user, request, ErrorCode.BAD_REQUEST, e -> assertThat(e.message()).containsIgnoringCase(saying));
    }

    private static void assertNotFound(WsUser user, ClientMessage request) throws Exception {
        assertError(user, request, ErrorCode.NOT_FOUND, e -> assertThat(e.retryable()).isFalse());
    }

    /** The request's answer is one error with its id, and nothing else follows it. */
    private static void assertError(WsUser user, ClientMessage request, ErrorCode code, Consumer<ErrorMessage> more)
            throws Exception {
        user.send(request);
        ServerMessage answer = user.poll(WsUser.WAIT);
        assertThat(answer).as("the answer to %s", describe(request)).isInstanceOf(ErrorMessage.class);
        ErrorMessage error = (ErrorMessage) answer;
        assertThat(error.id()).as("%s", error).isEqualTo(request.id());
        assertThat(error.code()).as("%s", error).isEqualTo(code);
        more.accept(error);
        assertStillAnswers(user);
    }

    /** The connection answers a ping next: nothing else was queued, and it is not closed. */
    private static void assertStillAnswers(WsUser user) throws Exception {
        user.send(new PingRequest("p"));
        assertThat(user.poll(WsUser.WAIT)).isEqualTo(new Pong("p"));
    }

    private static String describe(Object o) {
        String s = String.valueOf(o);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
