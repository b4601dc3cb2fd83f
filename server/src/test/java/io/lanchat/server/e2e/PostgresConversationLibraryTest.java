package io.lanchat.server.e2e;

import io.lanchat.server.store.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The conversation library over a real PostgreSQL server (a throwaway cluster), a database per test. */
class PostgresConversationLibraryTest extends ConversationLibraryTest {
    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.startOrSkip();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    String[] storeArgs() throws Exception {
        return new String[] {"--database", postgres.createDatabase()};
    }

    @Override
    String kind() {
        return "postgresql";
    }
}
