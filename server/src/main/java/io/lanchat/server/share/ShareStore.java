package io.lanchat.server.share;

import java.time.Instant;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where share links are kept: beside the conversations in the durable store (so links survive a restart), or in
 * memory in memory-only mode. Every method returns at once and completes its future off the event loops; a
 * failure completes it exceptionally.
 */
public interface ShareStore {

    /**
     * Keeps a new link.
     *
     * @return false when its conversation is not in the store (the caller answers not_found)
     */
    CompletableFuture<Boolean> add(ShareLink link);

    /** The link whose token has this hash; empty when there is none (never made, revoked, conversation deleted). */
    CompletableFuture<Optional<ShareLink>> find(String tokenHash);

    /** The owner's links of one conversation, newest first. */
    CompletableFuture<List<ShareLink>> list(String owner, String conversationId);

    /** The owner's conversations open as rooms at {@code now}: with a room invite that still lets people in. */
    CompletableFuture<Set<String>> openRooms(String owner, Instant now);

    /** Removes the owner's link; empty when the owner has none with that id. */
    CompletableFuture<Optional<ShareLink>> revoke(String owner, String shareId);

    /** The conversation was deleted: its links go (the durable store's rows go with the conversation's). */
    CompletableFuture<Void> conversationDeleted(String conversationId);
}
