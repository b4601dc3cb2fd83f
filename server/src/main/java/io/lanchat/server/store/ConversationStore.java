package io.lanchat.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where conversations outlive the server: SQLite or PostgreSQL behind JDBC. Every method returns at once and
 * completes its future on the store's own threads (never a Netty event loop), within a deadline; a failure
 * completes it exceptionally with a {@link StoreException} (the future's own exception, not wrapped, for
 * {@code exceptionally}; wrapped in a {@code CompletionException} for stages after it). Bad arguments (a malformed
 * cursor, a page size out of range, a blank search) throw {@link IllegalArgumentException} at once, before any
 * work is queued: the caller answers bad_request. Every read and change names the owner, and a
 * conversation of another owner is treated exactly like one that does not exist. Times are kept to the
 * millisecond. The calls on one conversation id run in the order they were made.
 */
public interface ConversationStore extends AutoCloseable {

    /** The largest page {@link #list} and {@link #search} return. */
    int MAX_PAGE_SIZE = 200;

    /** {@code sqlite} or {@code postgresql}. */
    String kind();

    /**
     * Writes the conversation's row and the given messages (inserted, or replaced when their {@code seq} is
     * stored already), in one transaction. A row that exists under another owner is left untouched and the
     * future completes with false. When the write fails, the store keeps the latest state of this conversation
     * (bounded) and writes it again once the database is back; {@link #health()} counts it meanwhile.
     *
     * @return true when written
     */
    CompletableFuture<Boolean> save(ConversationRecord conversation, List<StoredMessage> messages);

    /**
     * Replaces everything from message {@code fromSeq} on with {@code messages} and {@code versions} (the versions
     * of messages from {@code fromSeq} on, hidden branches whole), and writes the row, in one transaction: how a
     * regenerate, an edit or a switch of version lands. Earlier messages and their versions stay as they are. A row
     * that exists under another owner is left untouched and the future completes with false. Not retried by the
     * store when it fails (the caller tells the user).
     *
     * @return true when written
     */
    CompletableFuture<Boolean> saveFrom(ConversationRecord conversation, int fromSeq, List<StoredMessage> messages,
                                        List<StoredVersion> versions);

    /**
     * The conversation with its newest messages, as many as fit {@code maxChars} characters of content (at least
     * the newest one), and the versions of those messages; empty when the owner has no conversation with that id.
     */
    CompletableFuture<Optional<StoredConversation>> load(String owner, String id, long maxChars);

    /**
     * One page of the owner's conversations, newest first ({@code updatedAt}, then id).
     *
     * @param cursor null for the first page, else a page's {@code nextCursor}
     * @param limit  1 to {@link #MAX_PAGE_SIZE}
     * @throws IllegalArgumentException for a malformed cursor or a limit out of range
     */
    CompletableFuture<ConversationPage> list(String owner, String cursor, int limit);

    /**
     * Like {@link #list}, only conversations whose title or some message contains every word of {@code query}
     * (case-insensitive; no wildcards: {@code %} and {@code _} match themselves).
     *
     * @throws IllegalArgumentException for a blank or oversize query (more than 16 words or 500 characters), a
     *                                  malformed cursor or a limit out of range
     */
    CompletableFuture<ConversationPage> search(String owner, String query, String cursor, int limit);

    /** Renames the owner's conversation; empty when there is none. Touches {@code updatedAt}. */
    CompletableFuture<Optional<ConversationRecord>> rename(String owner, String id, String title, Instant now);

    /**
     * Replaces the owner's conversation's settings ({@code think} as on the wire, null for the default); empty when
     * there is none. Touches {@code updatedAt}.
     */
    CompletableFuture<Optional<ConversationRecord>> updateSettings(String owner, String id, String model,
                                                                   String system, Map<String, Object> options,
                                                                   String think, Instant now);

    /** As the full form, without a thinking choice. */
    default CompletableFuture<Optional<ConversationRecord>> updateSettings(String owner, String id, String model,
                                                                           String system, Map<String, Object> options,
                                                                           Instant now) {
        return updateSettings(owner, id, model, system, options, null, now);
    }

    /** Deletes the owner's conversation and all its messages (rows gone); false when there was none. */
    /**
     * Keeps the bytes of attachments a message of {@code owner}'s conversation {@code id} carries; they go when the
     * conversation goes (delete, retention). Run after the conversation's earlier saves (its row must exist).
     * Completes with false when nothing could be written (not this owner's conversation, or not saved yet). A store
     * without durable rows keeps nothing: it completes with true.
     */
    default CompletableFuture<Boolean> saveAttachments(String owner, String id, List<StoredAttachment> attachments) {
        return CompletableFuture.completedFuture(true);
    }

    /** The stored attachment {@code attachmentId} when {@code owner} uploaded it; empty otherwise. */
    default CompletableFuture<Optional<StoredAttachment>> loadAttachment(String owner, String attachmentId) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    CompletableFuture<Boolean> delete(String owner, String id);

    /**
     * Deletes the owner's conversation's messages from number {@code seq} on (the text saved of a reply that then
     * failed: the question waits for a retry, not a fragment); false when the owner has no such conversation.
     */
    CompletableFuture<Boolean> discardFrom(String owner, String id, int seq);

    /** Deletes every conversation (of any owner) not updated since {@code cutoff}; how many went. */
    CompletableFuture<Integer> deleteUntouchedSince(Instant cutoff);

    /** Access to the store's database for a feature's own tables; empty for a store without SQL (memory). */
    default java.util.Optional<SqlAccess> sql() {
        return java.util.Optional.empty();
    }

    /** How the store is doing now. Any thread, never blocks. */
    StoreHealth health();

    /** Stops taking work, finishes what is queued (within a deadline), retries waiting writes once, closes. */
    @Override
    void close();
}
