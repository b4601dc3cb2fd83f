package io.lanchat.server.session;

import io.lanchat.server.store.StoredAttachment;
import io.lanchat.server.store.ConversationStore;
import io.lanchat.server.store.StoredMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Writes sessions to the conversation store: once per finished step (a user message sent, a reply ended, a rename),
 * never per token. Without a store (memory-only mode) every save succeeds at once and writes nothing. The futures
 * complete on the store's threads: callers hop back to their own loop before touching anything.
 */
public final class SessionSaver {
    private final ConversationStore store;

    /** @param store where to write; null for memory-only mode */
    public SessionSaver(ConversationStore store) {
        this.store = store;
    }

    /** Where conversations are kept: the store's kind, or {@code none} in memory-only mode. */
    public String kind() {
        return store == null ? "none" : store.kind();
    }

    /** Whether conversations are written anywhere. */
    public boolean persistent() {
        return store != null;
    }

    /** The user's message, before it goes to Ollama: a crash after this never loses what was typed. */
    public CompletableFuture<Boolean> savePending(Session session) {
        return write(session, SessionRecords.pending(session));
    }

    /** The newest finished exchange: the question, now answered, and its reply. */
    public CompletableFuture<Boolean> saveLastExchange(Session session) {
        return write(session, SessionRecords.newest(session, 2));
    }

    /** Saves the session's newest message alone (one that gets no reply). */
    public CompletableFuture<Boolean> saveLastMessage(Session session) {
        return write(session, SessionRecords.newest(session, 1));
    }

    /**
     * The bytes of the images a message carries, after the message itself (same conversation, so the same store
     * lane: its row exists by then). Completes with true in memory-only mode.
     */
    public CompletableFuture<Boolean> saveAttachments(Session session, List<StoredAttachment> attachments) {
        if (store == null || attachments.isEmpty()) {
            return CompletableFuture.completedFuture(true);
        }
        return store.saveAttachments(session.info().owner(), session.id(), attachments);
    }

    /** An image a stored message carried, read back (a retry after it left memory); empty in memory-only mode. */
    public CompletableFuture<java.util.Optional<StoredAttachment>> loadAttachment(String owner, String id) {
        return store == null ? CompletableFuture.completedFuture(java.util.Optional.empty())
                : store.loadAttachment(owner, id);
    }

    /** A reply still being written, as far as it got: what survives a crash, marked interrupted. */
    public CompletableFuture<Boolean> savePartial(Session session, StoredMessage partial) {
        return write(session, List.of(partial));
    }

    /** Forgets the saved text of a reply that then failed (from message {@code seq} on). */
    public CompletableFuture<Boolean> discardFrom(Session session, int seq) {
        if (store == null) {
            return CompletableFuture.completedFuture(true);
        }
        return store.discardFrom(session.info().owner(), session.id(), seq);
    }

    /**
     * The session from message {@code fromSeq} on, replacing what the store has from there (messages and their
     * versions): after a regenerate, an edit or a switch of version.
     */
    public CompletableFuture<Boolean> saveFrom(Session session, int fromSeq) {
        if (store == null) {
            return CompletableFuture.completedFuture(true);
        }
        try {
            List<StoredMessage> messages = new java.util.ArrayList<>();
            for (StoredMessage m : SessionRecords.all(session)) {
                if (m.seq() >= fromSeq) {
                    messages.add(m);
                }
            }
            return store.saveFrom(SessionRecords.record(session), fromSeq, messages,
                    VersionRecords.rows(session.versions().from(fromSeq)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Just the conversation's row (title, settings). */
    public CompletableFuture<Boolean> saveRecord(Session session) {
        return write(session, List.of());
    }

    /** Everything held (an import). */
    public CompletableFuture<Boolean> saveAll(Session session) {
        return write(session, SessionRecords.all(session));
    }

    private CompletableFuture<Boolean> write(Session session, List<StoredMessage> messages) {
        if (store == null) {
            return CompletableFuture.completedFuture(true);
        }
        try {
            return store.save(SessionRecords.record(session), messages);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
