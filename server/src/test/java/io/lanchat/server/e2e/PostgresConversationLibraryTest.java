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

    @org.junit.jupiter.api.Test
    void whileTheStoreIsDownListsShowWhatMemoryHolds() throws Exception {
        try (TestClient client = fixture.connectAsOwner(fixture.connect().hello.ownerKey())) {
            postgres.stop();
            try {
                client.send(new io.lanchat.protocol.ChatRequest("c1", "written while the database is down"));
                client.awaitFrame(io.lanchat.protocol.ReplyDone.class);
                client.send(new io.lanchat.protocol.ListConversationsRequest("l", null, null));
                io.lanchat.protocol.ServerMessage answer = client.awaitFrame(io.lanchat.protocol.ErrorMessage.class);
                org.assertj.core.api.Assertions.assertThat(((io.lanchat.protocol.ErrorMessage) answer).code())
                        .as("the store cannot list").isIn(io.lanchat.protocol.ErrorCode.NOT_SAVED,
                                io.lanchat.protocol.ErrorCode.INTERNAL_ERROR);
            } finally {
                postgres.start();
            }
            // Back up: the list comes from the store, with what memory holds on top until the retry has written it.
            client.send(new io.lanchat.protocol.ListConversationsRequest("l2", null, null));
            var listed = client.awaitFrame(io.lanchat.protocol.ConversationList.class).conversations();
            org.assertj.core.api.Assertions.assertThat(listed).singleElement().satisfies(c -> {
                org.assertj.core.api.Assertions.assertThat(c.title()).isEqualTo("written while the database is down");
                org.assertj.core.api.Assertions.assertThat(c.messages()).isEqualTo(2);
            });
        }
    }

    @Override
    String kind() {
        return "postgresql";
    }
}
