package io.lanchat.server.store;

import static io.lanchat.server.store.StoreFixtures.await;
import static io.lanchat.server.store.StoreFixtures.conversation;
import static io.lanchat.server.store.StoreFixtures.eventually;
import static io.lanchat.server.store.StoreFixtures.failure;
import static io.lanchat.server.store.StoreFixtures.reply;
import static io.lanchat.server.store.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The store contract on a real PostgreSQL server (one throwaway cluster for the class, a fresh database per test),
 * plus the clearest fault there is: the database server stopped while the store runs, and started again.
 */
@Timeout(120)
final class PostgresConversationStoreTest extends ConversationStoreContract {
    private static PostgresServer server;
    private String url;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.startOrSkip();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    void freshDatabase() {
        url = server.createDatabase();
    }

    @Override
    ConversationStore open(StoreSettings settings) {
        return ConversationStores.open(url, null, settings, new Properties());
    }

    @Override
    Connection plain() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Test
    void keepsWritesWhileTheDatabaseIsDownAndWritesThemWhenItIsBack() {
        await(store.save(conversation(ALICE, "c1", "before", 1), List.of(user(0, "hello"))));

        server.stop();
        Throwable failed;
        try {
            failed = failure(store.save(conversation(ALICE, "c1", "during", 2), List.of(reply(1, "hi"))));
            failure(store.save(conversation(ALICE, "c1", "during, later", 3), List.of(user(2, "still there?"))));
            assertThat(failure(store.load(ALICE, "c1", 100))).isInstanceOf(StoreException.class);
            StoreHealth down = store.health();
            assertThat(down.ok()).isFalse();
            assertThat(down.waitingWrites()).isEqualTo(1);
            assertThat(down.failingSince()).isNotNull();
            assertThat(down.lastError()).isNotBlank();
            assertThat(down.failures()).isGreaterThanOrEqualTo(3);
        } finally {
            server.start();
        }

        eventually(Duration.ofSeconds(20), () -> store.health().ok(), "the store writes again");
        StoredConversation back = await(store.load(ALICE, "c1", 1_000)).orElseThrow();

        assertThat(failed).isInstanceOf(StoreException.class);
        assertThat(back.record().title()).isEqualTo("during, later");
        assertThat(back.messages()).containsExactly(user(0, "hello"), reply(1, "hi"), user(2, "still there?"));
        assertThat(store.health().waitingWrites()).isZero();
        assertThat(store.health().failingSince()).isNull();
    }

    @Test
    void aUrlGetsConnectAndSocketTimeoutsUnlessItHasItsOwn() {
        StoreSettings settings = StoreSettings.defaults();

        assertThat(PostgresDatabase.withDefaults("jdbc:postgresql://h/db", settings))
                .isEqualTo("jdbc:postgresql://h/db?connectTimeout=5&socketTimeout=30");
        assertThat(PostgresDatabase.withDefaults("jdbc:postgresql://h/db?user=u&connectTimeout=1&socketTimeout=2",
                settings)).isEqualTo("jdbc:postgresql://h/db?user=u&connectTimeout=1&socketTimeout=2");
        assertThat(PostgresDatabase.redacted("jdbc:postgresql://h/db?user=u&password=secret&x=1"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&x=1");
    }
}
