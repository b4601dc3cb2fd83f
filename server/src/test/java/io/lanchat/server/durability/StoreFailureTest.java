package io.lanchat.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.server.access.OwnerKeys;
import io.lanchat.server.store.PostgresServer;
import io.lanchat.standin.StandInOllama;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL stopped under a running server (issue 12, item 7): chatting goes on, the person is told once that
 * their conversation could not be saved, {@code /healthz} and {@code /metrics} show the failing store, and once
 * PostgreSQL is back the waiting writes land within the retry interval and the conversation is whole.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class StoreFailureTest {
    /** The store retries every 5 s; this leaves room for a slow machine. */
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    private static PostgresServer pg;
    private static StandInOllama ollama;

    @BeforeAll
    static void start() {
        pg = PostgresServer.startOrSkip();
        ollama = StandInOllama.start();
        ollama.setModels("llama3:8b");
        ollama.setTokenDelay(Duration.ofMillis(5));
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
    void chattingGoesOnWhilePostgresIsDownAndTheConversationIsSavedWhenItIsBack() throws Exception {
        String url = pg.createDatabase();
        String key;
        String conversation;
        List<ServerMessage> duringOutage = new ArrayList<>();
        try (InProcessServer server = InProcessServer.start(ollama, "--database", url);
             WsUser user = server.connect(null)) {
            key = user.ownerKey;
            conversation = user.hello.sessionId();
            chat(user, "a", "before the outage", duringOutage);
            assertThat(server.storeHealth().path("ok").asBoolean()).isTrue();
            duringOutage.clear();

            pg.stop();
            chat(user, "b", "while the database is down", duringOutage);
            chat(user, "c", "still down", duringOutage);
            duringOutage.addAll(user.drain(Duration.ofMillis(500)));
            JsonNode failing = server.storeHealth();
            double okMetric = server.metric("lanchat_store_ok");
            double waitingMetric = server.metric("lanchat_store_waiting_writes");

            pg.start();
            Duration recovered = InProcessServer.await(() -> healthOk(server), "/healthz store.ok again", RECOVERY);
            System.out.println("StoreFailureTest: the store was ok again " + recovered.toMillis()
                    + " ms after PostgreSQL came back");

            assertThat(notSaved(duringOutage)).as("frames during the outage: %s", duringOutage).hasSize(1);
            assertThat(notSaved(duringOutage).get(0).id()).as("a notice, not the chat's failure").isNull();
            assertThat(duringOutage).filteredOn(f -> f instanceof ErrorMessage e && e.id() != null).isEmpty();
            assertThat(duringOutage).filteredOn(ReplyDone.class::isInstance).hasSize(2);
            assertThat(failing.path("ok").asBoolean()).isFalse();
            assertThat(failing.path("kind").asText()).isEqualTo("postgresql");
            assertThat(failing.path("lastError").isNull()).as("lastError: %s", failing).isFalse();
            assertThat(failing.path("failures").asLong()).isPositive();
            assertThat(okMetric).isZero();
            assertThat(waitingMetric).isPositive();
            assertThat(server.metric("lanchat_store_ok")).isEqualTo(1.0);
            assertThat(server.metric("lanchat_store_waiting_writes")).isZero();
        }

        StoredRows rows = StoredRows.read(url);
        assertThat(rows.conversations()).containsEntry(conversation, OwnerKeys.ownerOf(key));
        assertThat(rows.messages().get(conversation)).extracting(StoredRows.Row::content).containsExactly(
                "before the outage", "About before the outage", "while the database is down",
                "About while the database is down", "still down", "About still down");
        assertThat(rows.messages().get(conversation)).extracting(StoredRows.Row::state).containsOnly("COMPLETE");

        try (InProcessServer again = InProcessServer.start(ollama, "--database", url);
             WsUser user = again.connect(key)) {
            user.send(new OpenConversationRequest("o", conversation, null, null));
            ConversationOpened opened = (ConversationOpened) user.answer("o", ConversationOpened.class);
            assertThat(opened.history()).extracting(HistoryMessage::content).hasSize(6)
                    .endsWith("still down", "About still down");
        }
    }

    @Test
    void aSecondOutageIsToldAgainOnceASaveHasWorkedMeanwhile() throws Exception {
        String url = pg.createDatabase();
        try (InProcessServer server = InProcessServer.start(ollama, "--database", url);
             WsUser user = server.connect(null)) {
            List<ServerMessage> frames = new ArrayList<>();
            pg.stop();
            chat(user, "a", "first outage", frames);
            pg.start();
            InProcessServer.await(() -> healthOk(server), "store ok after the first outage", RECOVERY);
            chat(user, "b", "between outages", frames);
            pg.stop();
            chat(user, "c", "second outage", frames);
            frames.addAll(user.drain(Duration.ofMillis(300)));
            pg.start();
            InProcessServer.await(() -> healthOk(server), "store ok after the second outage", RECOVERY);

            assertThat(notSaved(frames)).as("one notice per outage: %s", frames).hasSize(2);
        }
    }

    private static void chat(WsUser user, String id, String text, List<ServerMessage> seen) throws Exception {
        user.send(new ChatRequest(id, text));
        while (true) {
            ServerMessage frame = user.await(f -> true, "a frame answering " + id, WsUser.WAIT);
            seen.add(frame);
            if (frame instanceof ReplyDone d && id.equals(d.id())
                    || frame instanceof ErrorMessage e && id.equals(e.id())) {
                return;
            }
        }
    }

    private static List<ErrorMessage> notSaved(List<ServerMessage> frames) {
        return frames.stream().filter(f -> f instanceof ErrorMessage e && e.code() == ErrorCode.NOT_SAVED)
                .map(ErrorMessage.class::cast).toList();
    }

    private static boolean healthOk(InProcessServer server) {
        try {
            return server.storeHealth().path("ok").asBoolean();
        } catch (Exception e) {
            return false;
        }
    }
}
