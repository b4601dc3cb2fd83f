package io.lanchat.server.multi;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ConversationSummary;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.server.store.PostgresServer;
import io.lanchat.standin.ChatCall;
import io.lanchat.standin.Message;
import io.lanchat.standin.StandInOllama;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two server processes on one PostgreSQL, behind the nginx configuration docs/storage.md shows: conversations are
 * shared through the database, and nginx keeps each owner on one instance. Each instance talks to its own
 * stand-in Ollama, so the stand-in that gets a chat tells which instance served it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class TwoInstancesTest {
    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.startOrSkip();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aConversationWrittenThroughOneInstanceIsListedAndContinuedThroughTheOther() throws Exception {
        String database = postgres.createDatabase();
        try (StandInOllama ollama1 = standIn(); StandInOllama ollama2 = standIn();
             // Started together on an empty database: both migrate it at once, and both must come up.
             ServerProcess one = instance(ollama1, database);
             ServerProcess two = instance(ollama2, database);
             Nginx nginx = proxy(one.port(), two.port())) {
            Client.awaitOllama(one.port());
            Client.awaitOllama(two.port());

            String key;
            try (Client first = Client.connect(one.port(), null)) {
                key = first.hello.ownerKey();
                first.chat("Tell me about tides");
            }

            String id;
            try (Client second = Client.connect(two.port(), key)) {
                List<ConversationSummary> listed = second.list();
                assertThat(listed).extracting(ConversationSummary::title).containsExactly("Tell me about tides");
                assertThat(listed.get(0).messages()).isEqualTo(2);
                id = listed.get(0).id();

                ConversationOpened opened = second.open(id);
                assertThat(opened.history()).extracting(HistoryMessage::content)
                        .containsExactly("Tell me about tides", "About Tell me about tides");
                second.chat("And the moon?");
            }
            assertThat(contents(last(ollama2))).as("instance 2 sends the exchange made on instance 1")
                    .containsExactly("Tell me about tides", "About Tell me about tides", "And the moon?");
            assertThat(ollama1.chatCalls()).hasSize(1);

            try (Client proxied = Client.connect(nginx.port(), key)) {
                assertThat(proxied.list()).extracting(ConversationSummary::messages).containsExactly(4);
            }
        }
    }

    private static StandInOllama standIn() {
        StandInOllama ollama = StandInOllama.start();
        ollama.setModels("llama3:8b");
        ollama.setReply(call -> List.of("About ", call.lastUserContent()));
        return ollama;
    }

    private static ServerProcess instance(StandInOllama ollama, String database) throws Exception {
        return ServerProcess.launch(ollama.baseUri().toString(), "--database", database,
                "--trusted-proxies", "127.0.0.1");
    }

    private static Nginx proxy(int first, int second) throws Exception {
        int port = Nginx.freePort();
        String site = StorageDoc.block("nginx");
        site = StorageDoc.replace(site, "server 127.0.0.1:8081;", "server 127.0.0.1:" + first + ";");
        site = StorageDoc.replace(site, "server 127.0.0.1:8082;", "server 127.0.0.1:" + second + ";");
        site = StorageDoc.replace(site, "listen 80;", "listen 127.0.0.1:" + port + ";");
        return Nginx.start(site, port);
    }

    private static ChatCall last(StandInOllama ollama) {
        List<ChatCall> calls = ollama.chatCalls();
        assertThat(calls).isNotEmpty();
        return calls.get(calls.size() - 1);
    }

    private static List<String> contents(ChatCall call) {
        return call.messages().stream().map(Message::content).toList();
    }
}
