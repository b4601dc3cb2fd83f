package io.lanchat.server.attach;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where attachments no longer held in memory are read back from (the conversation store), for display.
 * Completes on the store's threads; callers hop back to their event loop.
 */
@FunctionalInterface
public interface AttachmentSource {
    /** No durable store: nothing to read back. */
    AttachmentSource NONE = (owner, id) -> CompletableFuture.completedFuture(Optional.empty());

    /** The attachment {@code id} when {@code owner} uploaded it; empty otherwise. */
    CompletableFuture<Optional<Attachment>> load(String owner, String id);
}
