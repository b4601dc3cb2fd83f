package io.lanchat.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ConversationDeleted;
import io.lanchat.protocol.ConversationList;
import io.lanchat.protocol.DeleteConversationRequest;
import io.lanchat.protocol.ListConversationsRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.server.store.PostgresServer;
import io.lanchat.standin.StandInOllama;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A conversation deleted while some of its writes still wait for a retry (the database was down a moment ago and
 * the next retry has not run yet) must stay deleted: the retry must not write it back. Item 8 of issue 12:
 * "deleting a conversation removes it from the store".
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class DeleteWhileWritesWaitTest {
    private static PostgresServer pg;
    private static StandInOllama ollama;

    @BeforeAll
    static void start() {
        pg = PostgresServer.startOrSkip();
        ollama = StandInOllama.start();
        ollama.setModels("llama3:8b");
        ollama.setReply(call -> List.of("About ", call.lastUserContent()));
    }

    @AfterAll
    static void stop() {
        if (ollama != null) {
            ollama.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void aConversationDeletedBeforeItsWaitingWritesAreRetriedStaysDeleted() throws Exception {
        String url = pg.createDatabase();
        try (InProcessServer server = InProcessServer.start(ollama, "--database", url);
             WsUser user = server.connect(null)) {
            String conversation = user.hello.sessionId();
            user.send(new ChatRequest("a", "saved before the outage"));
            user.answer("a", ReplyDone.class);
            pg.stop();
            user.send(new ChatRequest("b", "written while the database is down"));
            assertThat(user.answer("b", ReplyDone.class)).isInstanceOf(ReplyDone.class);

            pg.start();          // the store retries every 5 s: the delete comes first (almost always)
            user.send(new DeleteConversationRequest("d", conversation));
            assertThat(user.answer("d", ConversationDeleted.class)).isInstanceOf(ConversationDeleted.class);
            InProcessServer.await(() -> {
                try {
                    return server.storeHealth().path("ok").asBoolean()
                            && server.storeHealth().path("waitingWrites").asInt() == 0;
                } catch (Exception e) {
                    return false;
                }
            }, "no write left waiting", Duration.ofSeconds(20));
            user.send(new ListConversationsRequest("l", null, null));
            ConversationList listed = (ConversationList) user.answer("l", ConversationList.class);
            StoredRows rows = StoredRows.read(url);

            assertThat(rows.conversations()).as("rows of the deleted conversation: %s", rows.messages())
                    .doesNotContainKey(conversation);
            assertThat(listed.conversations()).extracting(c -> c.id()).doesNotContain(conversation);
        }
    }
}
