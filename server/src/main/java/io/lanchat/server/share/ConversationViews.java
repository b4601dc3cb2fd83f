package io.lanchat.server.share;

import io.lanchat.protocol.SharedView;
import io.lanchat.server.chat.ChatServices;
import io.lanchat.server.session.Session;
import io.lanchat.server.session.SessionRecords;
import io.lanchat.server.store.ConversationStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A conversation as a viewer sees it: its title and messages (no pending question, settings or secrets). Memory
 * holds the newest state of a conversation that is open or was recently; the store has the rest. Never blocks.
 */
final class ConversationViews {
    private final ChatServices services;
    private final ConversationStore store;

    ConversationViews(ChatServices services, ConversationStore store) {
        this.services = services;
        this.store = store;
    }

    /** The owner's conversation as a viewer sees it now; empty when the owner has none with that id. */
    CompletableFuture<Optional<SharedView>> now(String owner, String conversationId, boolean live) {
        Optional<Session> held = services.sessions().find(conversationId).filter(s -> s.ownedBy(owner));
        if (held.isPresent() || !services.saver().persistent()) {
            return CompletableFuture.completedFuture(held.map(s -> view(s, live)));
        }
        return store.load(owner, conversationId, services.sessions().perSessionChars())
                .thenApply(found -> found.map(stored -> view(SessionRecords.toSession(stored, "-"), live)));
    }

    /** The held session, if the owner has it in memory (a conversation not stored yet is only there). */
    Optional<Session> held(String owner, String conversationId) {
        return services.sessions().find(conversationId).filter(s -> s.ownedBy(owner));
    }

    io.lanchat.server.session.SessionSaver saver() {
        return services.saver();
    }

    static SharedView view(Session session, boolean live) {
        return new SharedView(SessionRecords.summary(session, false).title(), live, SessionRecords.history(session));
    }
}
