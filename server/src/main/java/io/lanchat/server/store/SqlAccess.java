package io.lanchat.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * Runs other tables' SQL on the conversation store's own lanes (its threads, deadline and connections), for
 * features that keep a few rows beside the conversations (share links). Work keyed by a conversation id runs in
 * order with that conversation's own calls.
 */
public interface SqlAccess {

    /** One unit of work on a connection of the store's; it may commit or roll back as it needs. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Runs {@code work} on the lane of {@code conversationId} (any lane when null); never on the caller's thread. */
    <T> CompletableFuture<T> run(String conversationId, Work<T> work);

    /** The seconds a statement may run before the driver cancels it. */
    int queryTimeoutSeconds();
}
