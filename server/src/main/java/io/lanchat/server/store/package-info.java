/**
 * Durable conversations: the {@link io.lanchat.server.store.ConversationStore} contract and its JDBC implementation
 * over SQLite (embedded, the default) or PostgreSQL. Every database access runs on the store's own bounded lanes,
 * never on a Netty event loop; failed writes wait in memory (bounded) and are retried until the database is back.
 */
package io.lanchat.server.store;
