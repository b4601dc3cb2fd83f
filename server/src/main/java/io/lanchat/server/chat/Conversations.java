package io.lanchat.server.chat;

import io.netty.channel.EventLoop;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live conversations: those with a connection attached, or with a reply still generating during the resume
 * grace period. A session without either lives on only as history in the session store. A live conversation's
 * session is pinned in the store (never evicted nor expired); pin and unpin happen inside this registry's
 * per-session compute, so the pin of a new conversation never interleaves with the unpin of the old one.
 * Thread-safe.
 */
public final class Conversations {
    private final ConcurrentHashMap<String, Conversation> live = new ConcurrentHashMap<>();
    private final ChatServices services;

    public Conversations(ChatServices services) {
        this.services = services;
    }

    /**
     * The live conversation of a session, or a new one confined to {@code loop}; null when the session no longer
     * exists in the store (expired or evicted while nobody was attached).
     */
    public Conversation getOrCreate(String sessionId, EventLoop loop) {
        return live.computeIfAbsent(sessionId, id -> pinned(id, loop));
    }

    /**
     * Like {@link #getOrCreate}, for a resume that will attach to the conversation on its loop: until that resume
     * has run, the conversation cannot leave the registry (its last connection may be closing right now), so two
     * live conversations never exist for one session.
     */
    public Conversation claimForResume(String sessionId, EventLoop loop) {      // null: the session is gone
        return live.compute(sessionId, (id, existing) -> {
            Conversation conversation = existing != null ? existing : pinned(id, loop);
            if (conversation != null) {
                conversation.resumeClaimed();
            }
            return conversation;
        });
    }

    private Conversation pinned(String sessionId, EventLoop loop) {
        return services.sessions().pin(sessionId) ? new Conversation(sessionId, services, loop, this) : null;
    }

    /** Removes the conversation unless a resume has claimed it meanwhile. */
    void remove(Conversation conversation) {
        live.computeIfPresent(conversation.sessionId(), (id, existing) -> {
            if (existing != conversation || conversation.hasClaims()) {
                return existing;
            }
            services.sessions().unpin(id);
            return null;
        });
    }

    /** Whether this very conversation is the live one of its session. */
    boolean isLive(Conversation conversation) {
        return live.get(conversation.sessionId()) == conversation;
    }

    public int size() {
        return live.size();
    }

    public ChatServices services() {
        return services;
    }
}
