package io.lanchat.server.multi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ConversationSummary;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.server.ChatServer;
import io.lanchat.server.access.OwnerKeys;
import io.lanchat.server.config.ConfigLoader;
import io.lanchat.server.store.PostgresServer;
import io.lanchat.standin.StandInOllama;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The online backups docs/storage.md tells administrators to take, taken while people chat, then restored the
 * way it says into a fresh server: every conversation is listed and opens with its history for its owner.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class BackupRestoreTest {
    private static final Path SQLITE3 = Path.of("/usr/bin/sqlite3");

    private final List<AutoCloseable> started = new ArrayList<>();
    private StandInOllama ollama;

    @BeforeEach
    void startOllama() {
        ollama = StandInOllama.start();
        ollama.setModels("llama3:8b");
        ollama.setReply(call -> List.of("About ", call.lastUserContent()));
        ollama.setTokenDelay(Duration.ofMillis(20));       // a reply is being written while the backup runs
    }

    @AfterEach
    void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // go on: every server must be stopped
            }
        }
        ollama.close();
    }

    @Test
    void sqliteBackupTakenWhilePeopleChatRestoresEveryConversation() throws Exception {
        assumeTrue(Files.isExecutable(SQLITE3), "the sqlite3 command is not installed (apt-get install sqlite3)");
        Path data = Files.createTempDirectory("lanchat-data");
        Path backups = Files.createTempDirectory("lanchat-backups");
        Path backup = backups.resolve("lanchat-backup.db");
        ChatServer running = server("--data-dir", data.toString());
        Written written = chatAndBackUp(running, () -> Commands.sh("umask 077 && sqlite3 "
                + Commands.quote(data.resolve("lanchat.db")) + " " + Commands.quote(".backup '" + backup + "'")));
        running.close();

        assertThat(Commands.sh("sqlite3 " + Commands.quote(backup) + " 'PRAGMA integrity_check'").strip())
                .isEqualTo("ok");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
        Path restored = Files.createTempDirectory("lanchat-restore").resolve("lanchat-data");
        Commands.sh("install -d -m 700 " + Commands.quote(restored) + " && install -m 600 " + Commands.quote(backup)
                + " " + Commands.quote(restored.resolve("lanchat.db")));
        assertThat(Files.list(restored).map(p -> p.getFileName().toString())).containsExactly("lanchat.db");

        written.checkOn(server("--data-dir", restored.toString()));
    }

    @Test
    void postgresDumpTakenWhilePeopleChatRestoresEveryConversation() throws Exception {
        PostgresServer postgres = PostgresServer.startOrSkip();
        started.add(postgres);
        Path bin = PostgresServer.binaries().orElseThrow();
        String url = postgres.createDatabase();                       // jdbc:postgresql://127.0.0.1:PORT/NAME?user=lanchat
        String source = "postgresql://lanchat@127.0.0.1:" + postgres.port() + "/" + url.replaceAll(".*/([^/?]+)\\?.*", "$1");
        String target = "postgresql://lanchat@127.0.0.1:" + postgres.port() + "/lanchat_restored";
        Path dump = Files.createTempDirectory("lanchat-backups").resolve("lanchat.dump");
        ChatServer running = server("--database", url);
        Written written = chatAndBackUp(running, () -> Commands.run(List.of(bin.resolve("pg_dump").toString(),
                "--format=custom", "--file=" + dump, "--dbname=" + source)));
        running.close();

        Commands.run(List.of(bin.resolve("createdb").toString(), "--host=127.0.0.1", "--port=" + postgres.port(),
                "--username=lanchat", "lanchat_restored"));
        Commands.run(List.of(bin.resolve("pg_restore").toString(), "--no-owner", "--exit-on-error",
                "--dbname=" + target, dump.toString()));

        written.checkOn(server("--database", postgres.jdbcUrl("lanchat_restored")));
    }

    /** What was written before the backup, and the conversation being written while it was taken. */
    private record Written(String tidesKey, String tidesId, String breadKey, String chatterKey, String chatterId) {

        void checkOn(ChatServer restored) throws Exception {
            Client.awaitOllama(restored.port());
            try (Client owner = Client.connect(restored.port(), tidesKey)) {
                List<ConversationSummary> listed = owner.list();
                assertThat(listed).extracting(ConversationSummary::id).containsExactly(tidesId);
                ConversationOpened opened = owner.open(tidesId);
                assertThat(opened.history()).extracting(HistoryMessage::content)
                        .containsExactly("Tell me about tides", "About Tell me about tides");
                owner.chat("And the moon?");                        // continuable too
            }
            try (Client owner = Client.connect(restored.port(), breadKey)) {
                assertThat(owner.list()).extracting(ConversationSummary::title).containsExactly("Bread, please");
            }
            try (Client owner = Client.connect(restored.port(), chatterKey)) {
                List<ConversationSummary> listed = owner.list();
                assertThat(listed).extracting(ConversationSummary::id).containsExactly(chatterId);
                ConversationOpened opened = owner.open(chatterId);
                List<HistoryMessage> history = opened.history();
                // A consistent moment: whole turns, in order, from the first on; a message whose reply the backup
                // did not catch is kept (the user's message is saved before it goes to Ollama) for a retry.
                // The first reply had ended at the client before the backup, but its save may still have been on
                // its way: then the backup holds the first message alone, waiting for a retry.
                assertThat(history.size()).isEven();
                assertThat(history.size() + (opened.pending() == null ? 0 : 1)).as("the first message at least")
                        .isGreaterThanOrEqualTo(1);
                for (int i = 0; i < history.size() / 2; i++) {
                    assertThat(history.get(2 * i).content()).isEqualTo("message " + (i + 1));
                    assertThat(history.get(2 * i + 1).content()).isEqualTo("About message " + (i + 1));
                }
                if (opened.pending() != null) {
                    assertThat(opened.pending()).isEqualTo("message " + (history.size() / 2 + 1));
                }
                assertThat(listed.get(0).messages()).isEqualTo(history.size() + (opened.pending() == null ? 0 : 1));
            }
        }
    }

    private interface Backup {
        String run() throws Exception;
    }

    private Written chatAndBackUp(ChatServer server, Backup backup) throws Exception {
        Client.awaitOllama(server.port());
        String tidesKey = OwnerKeys.newKey();
        String tidesId;
        try (Client owner = Client.connect(server.port(), tidesKey)) {
            owner.chat("Tell me about tides");
            tidesId = owner.hello.sessionId();
        }
        String breadKey = OwnerKeys.newKey();
        try (Client owner = Client.connect(server.port(), breadKey)) {
            owner.chat("Bread, please");
        }
        awaitSaved(server, tidesKey);                       // the reply is saved just after its done
        awaitSaved(server, breadKey);
        String chatterKey = OwnerKeys.newKey();
        try (Chatter chatter = Chatter.start(server.port(), chatterKey)) {
            backup.run();
            assertThat(chatter.stop()).as("chats ended around the backup").isGreaterThanOrEqualTo(1);
            return new Written(tidesKey, tidesId, breadKey, chatterKey, chatter.conversationId);
        }
    }

    /** Waits until the owner's one conversation is listed (from the store) with its two messages. */
    private static void awaitSaved(ChatServer server, String key) throws Exception {
        long deadline = System.nanoTime() + Client.WAIT.toNanos();
        try (Client owner = Client.connect(server.port(), key)) {
            while (owner.list().stream().mapToInt(ConversationSummary::messages).sum() != 2) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the first turn was not saved within " + Client.WAIT);
                }
                Thread.sleep(20);
            }
        }
    }

    private ChatServer server(String... storage) throws Exception {
        List<String> args = new ArrayList<>(List.of("--bind", "127.0.0.1", "--port", "0",
                "--ollama-host", ollama.baseUri().toString(), "--model", "llama3:8b",
                "--probe-interval", "100ms", "--probe-max-backoff", "200ms", "--probe-timeout", "5s",
                "--shutdown-grace", "1s"));
        args.addAll(List.of(storage));
        ChatServer server = ChatServer.start(ConfigLoader.load(args.toArray(String[]::new), name -> null));
        started.add(server);
        return server;
    }
}
