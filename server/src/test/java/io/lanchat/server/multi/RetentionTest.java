package io.lanchat.server.multi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lanchat.protocol.ConversationSummary;
import io.lanchat.server.ChatServer;
import io.lanchat.server.access.OwnerKeys;
import io.lanchat.server.config.ConfigException;
import io.lanchat.server.config.ConfigLoader;
import io.lanchat.server.store.ConversationRecord;
import io.lanchat.server.store.ConversationStore;
import io.lanchat.server.store.ConversationStores;
import io.lanchat.server.store.MessageState;
import io.lanchat.server.store.PostgresServer;
import io.lanchat.server.store.StoredMessage;
import io.lanchat.standin.StandInOllama;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --retention}: conversations untouched longer are deleted from the store, rows and all, and recent ones
 * stay. The server runs the deletion a minute after start and then hourly; these tests call the store's deletion
 * directly rather than wait, and check that the flag is read and what counts as touching a conversation.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class RetentionTest {
    private static final Duration RETENTION = Duration.ofDays(90);

    @Test
    void sqliteDeletesConversationsUntouchedLongerThanTheRetentionWithTheirMessages() throws Exception {
        Path data = Files.createTempDirectory("lanchat-data");
        String url = "jdbc:sqlite:" + data.resolve("lanchat.db");

        deletesOnlyTheOldOnes(ConversationStores.open("sqlite", data), url);
    }

    @Test
    void postgresDeletesConversationsUntouchedLongerThanTheRetentionWithTheirMessages() throws Exception {
        try (PostgresServer postgres = PostgresServer.startOrSkip()) {
            String url = postgres.createDatabase();

            deletesOnlyTheOldOnes(ConversationStores.open(url, Path.of("unused")), url);
        }
    }

    @Test
    void openingAConversationDoesNotTouchItAndAMessageDoes() throws Exception {
        Path data = Files.createTempDirectory("lanchat-data");
        String key = OwnerKeys.newKey();
        Instant longAgo = Instant.now().minus(RETENTION).minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        try (ConversationStore store = ConversationStores.open("sqlite", data)) {
            await(store.save(record(OwnerKeys.ownerOf(key), "old", longAgo), turn(longAgo)));
        }
        String url = "jdbc:sqlite:" + data.resolve("lanchat.db");

        try (StandInOllama ollama = StandInOllama.start()) {
            ollama.setModels("llama3:8b");
            ChatServer server = ChatServer.start(ConfigLoader.load(new String[] {"--bind", "127.0.0.1", "--port", "0",
                    "--ollama-host", ollama.baseUri().toString(), "--probe-interval", "100ms", "--probe-max-backoff", "200ms",
                    "--probe-timeout", "5s", "--shutdown-grace", "1s",
                    "--data-dir", data.toString(), "--retention", "90d"}, name -> null));
            try {
                Client.awaitOllama(server.port());
                try (Client owner = Client.connect(server.port(), key)) {
                    assertThat(owner.list()).extracting(ConversationSummary::id).containsExactly("old");
                    assertThat(owner.open("old").history()).hasSize(2);
                    assertThat(updatedAt(url, "old")).as("listed and opened: untouched").isEqualTo(longAgo);

                    owner.chat("Still there?");
                }
                assertThat(updatedAt(url, "old")).as("a new message touches it")
                        .isAfter(Instant.now().minus(1, ChronoUnit.MINUTES));
            } finally {
                server.close();
            }
        }
    }

    @Test
    void theFlagTakesDaysAndOffAndRefusesNothingAtAll() {
        assertThat(retention("--retention", "90d")).isEqualTo(Duration.ofDays(90));
        assertThat(retention("--retention", "12h")).isEqualTo(Duration.ofHours(12));
        assertThat(retention("--retention", "off")).isNull();
        assertThat(retention()).as("the default keeps conversations").isNull();
        assertThat(ConfigLoader.load(new String[0], name -> "LANCHAT_RETENTION".equals(name) ? "30d" : null)
                .store().retention()).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> retention("--retention", "0s")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--retention");
    }

    private static void deletesOnlyTheOldOnes(ConversationStore store, String url) throws Exception {
        Instant now = Instant.now();
        Instant old = now.minus(RETENTION).minus(1, ChronoUnit.DAYS);
        Instant recent = now.minus(RETENTION).plus(1, ChronoUnit.DAYS);
        try (store) {
            await(store.save(record("key:a", "old", old), turn(old)));
            await(store.save(record("key:b", "recent", recent), turn(recent)));
            assertThat(count(url, "SELECT COUNT(*) FROM messages")).isEqualTo(4);

            assertThat(await(store.deleteUntouchedSince(now.minus(RETENTION)))).isEqualTo(1);

            assertThat(count(url, "SELECT COUNT(*) FROM conversations WHERE id = 'old'")).isZero();
            assertThat(count(url, "SELECT COUNT(*) FROM messages WHERE conversation_id = 'old'")).isZero();
            assertThat(count(url, "SELECT COUNT(*) FROM conversations WHERE id = 'recent'")).isEqualTo(1);
            assertThat(count(url, "SELECT COUNT(*) FROM messages WHERE conversation_id = 'recent'")).isEqualTo(2);
        }
    }

    private static Duration retention(String... args) {
        return ConfigLoader.load(args, name -> null).store().retention();
    }

    private static ConversationRecord record(String owner, String id, Instant at) {
        return new ConversationRecord(id, owner, "Title " + id, null, null, Map.of(), at, at, 0);
    }

    private static List<StoredMessage> turn(Instant at) {
        return List.of(new StoredMessage(0, "user", "Hello", MessageState.COMPLETE, null, null, at),
                new StoredMessage(1, "assistant", "Hi", MessageState.COMPLETE, "llama3:8b", null, at));
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement p = c.prepareStatement(sql)) {
            p.setQueryTimeout(10);
            try (ResultSet rows = p.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Instant updatedAt(String url, String id) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement p = c.prepareStatement("SELECT updated_at FROM conversations WHERE id = ?")) {
            p.setString(1, id);
            p.setQueryTimeout(10);
            try (ResultSet rows = p.executeQuery()) {
                assertThat(rows.next()).as("conversation " + id + " is stored").isTrue();
                return Instant.ofEpochMilli(rows.getLong(1));
            }
        }
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }
}
