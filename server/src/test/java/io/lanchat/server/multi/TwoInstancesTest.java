package io.lanchat.server.multi;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ConversationSummary;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.server.access.OwnerKeys;
import io.lanchat.server.store.PostgresServer;
import io.lanchat.standin.ChatCall;
import io.lanchat.standin.Message;
import io.lanchat.standin.StandInOllama;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    private static String database;
    private static final List<AutoCloseable> started = new ArrayList<>();
    private static Instance first;
    private static Instance second;
    private static Nginx nginx;

    /** One server process and the stand-in Ollama only it uses. */
    private record Instance(ServerProcess server, StandInOllama ollama, int port) {
    }

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.startOrSkip();
        database = postgres.createDatabase();
        // Launched together on an empty database: both migrate it at once, and both must come up.
        StandInOllama ollama1 = standIn();
        StandInOllama ollama2 = standIn();
        ServerProcess one = launch(ollama1);
        ServerProcess two = launch(ollama2);
        first = new Instance(one, ollama1, one.port());
        second = new Instance(two, ollama2, two.port());
        nginx = proxy(first.port(), second.port());
        started.add(nginx);
        Client.awaitOllama(first.port());
        Client.awaitOllama(second.port());
    }

    @AfterAll
    static void stop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // go on: every process must be stopped
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aConversationWrittenThroughOneInstanceIsListedAndContinuedThroughTheOther() throws Exception {
        String key = OwnerKeys.newKey();
        Instance home = homeOf(key);
        Instance other = home == first ? second : first;

        try (Client writer = Client.connect(other.port(), key)) {
            writer.chat("Tell me about tides");
            awaitStored(writer.hello.sessionId(), 2);        // the reply is saved just after its done
        }
        String id;
        try (Client reader = Client.connect(home.port(), key)) {
            List<ConversationSummary> listed = reader.list();
            assertThat(listed).extracting(ConversationSummary::title).containsExactly("Tell me about tides");
            assertThat(listed).extracting(ConversationSummary::messages).containsExactly(2);
            id = listed.get(0).id();

            ConversationOpened opened = reader.open(id);
            assertThat(opened.history()).extracting(HistoryMessage::content)
                    .containsExactly("Tell me about tides", "About Tell me about tides");
            reader.chat("And the moon?");
            awaitStored(id, 4);
        }
        assertThat(contents(last(home.ollama()))).as("the other instance's exchange goes to Ollama")
                .containsExactly("Tell me about tides", "About Tell me about tides", "And the moon?");

        try (Client proxied = Client.connect(nginx.port(), key)) {
            assertThat(proxied.list()).extracting(ConversationSummary::id, ConversationSummary::messages)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(id, 4));
            assertThat(proxied.open(id).history()).hasSize(4);
            proxied.chat("And the sun?");
        }
        assertThat(contents(last(home.ollama()))).as("through nginx, on the owner's instance")
                .containsExactly("Tell me about tides", "About Tell me about tides", "And the moon?",
                        "About And the moon?", "And the sun?");
    }

    @Test
    void nginxKeepsEachOwnerOnOneInstanceAndSpreadsOwnersOverBoth() throws Exception {
        String key = OwnerKeys.newKey();
        for (int i = 0; i < 3; i++) {
            Client.connect(nginx.port(), key).close();
        }
        assertThat(new HashSet<>(nginx.upstreamsOf(key, 3))).as("every connection of one owner").hasSize(1);

        Set<Integer> reached = new HashSet<>();
        for (int i = 0; i < 16 && reached.size() < 2; i++) {
            reached.add(homeOf(OwnerKeys.newKey()).port());
        }
        // Sixteen owners all on one instance: about 1 in 30,000 with two instances on nginx's consistent hash.
        assertThat(reached).containsExactlyInAnyOrder(first.port(), second.port());
    }

    /**
     * Pins a limitation docs/storage.md describes: an instance keeps a conversation it served in memory (for
     * --session-idle) and serves that copy when it is opened there again, unaware of what another instance added
     * meanwhile; the message sent there is saved over the other instance's. Sticky routing keeps it from happening.
     * When the server learns to notice a newer copy in the database, this test fails: change the doc with it.
     */
    @Test
    void withoutStickyRoutingAnInstanceReadsTheNewerCopyAnotherInstanceSaved() throws Exception {
        String key = OwnerKeys.newKey();
        String id;
        try (Client a = Client.connect(first.port(), key)) {
            a.chat("Tell me about tides");
            id = a.hello.sessionId();
            awaitStored(id, 2);
        }
        try (Client b = Client.connect(second.port(), key)) {
            b.open(id);
            b.chat("And the moon?");
            awaitStored(id, 4);
        }

        try (Client backOnFirst = Client.connect(first.port(), key)) {
            assertThat(backOnFirst.list()).extracting(ConversationSummary::messages).containsExactly(4);
            assertThat(backOnFirst.open(id).history()).as("the copy the second instance saved, not its own older one")
                    .hasSize(4);
            backOnFirst.chat("And the sun?");
        }
        List<String> whole = List.of("Tell me about tides", "About Tell me about tides", "And the moon?",
                "About And the moon?", "And the sun?", "About And the sun?");
        awaitStoredContents(id, whole);             // nothing of the second instance's exchange was lost
    }

    /** The instance nginx sends this owner's connections to. */
    private static Instance homeOf(String key) throws Exception {
        int before = nginx.upstreamsOf(key, 0).size();
        Client.connect(nginx.port(), key).close();
        List<Integer> ports = nginx.upstreamsOf(key, before + 1);
        int port = ports.get(ports.size() - 1);
        return port == first.port() ? first : second;
    }

    /** Waits until the database holds {@code count} messages of the conversation (saves follow a reply's end). */
    private static void awaitStored(String id, int count) throws Exception {
        awaitCondition(() -> storedContents(id).size() == count, "conversation " + id + " to hold " + count);
    }

    private static void awaitStoredContents(String id, List<String> expected) throws Exception {
        awaitCondition(() -> storedContents(id).equals(expected), "conversation " + id + " to hold " + expected);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitCondition(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + Client.WAIT.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static List<String> storedContents(String id) throws Exception {
        List<String> contents = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database);
             PreparedStatement p = c.prepareStatement("SELECT content FROM messages WHERE conversation_id = ? ORDER BY seq")) {
            p.setString(1, id);
            p.setQueryTimeout(10);
            try (ResultSet rows = p.executeQuery()) {
                while (rows.next()) {
                    contents.add(rows.getString(1));
                }
            }
        }
        return contents;
    }

    private static StandInOllama standIn() {
        StandInOllama ollama = StandInOllama.start();
        started.add(ollama);
        ollama.setModels("llama3:8b");
        ollama.setReply(call -> List.of("About ", call.lastUserContent()));
        return ollama;
    }

    private static ServerProcess launch(StandInOllama ollama) throws Exception {
        ServerProcess server = ServerProcess.launch(ollama.baseUri().toString(), "--database", database,
                "--trusted-proxies", "127.0.0.1");
        started.add(server);
        return server;
    }

    private static Nginx proxy(int one, int two) throws Exception {
        int port = Nginx.freePort();
        String site = StorageDoc.block("nginx");
        site = StorageDoc.replace(site, "server 127.0.0.1:8081;", "server 127.0.0.1:" + one + ";");
        site = StorageDoc.replace(site, "server 127.0.0.1:8082;", "server 127.0.0.1:" + two + ";");
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
