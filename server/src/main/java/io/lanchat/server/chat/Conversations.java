package io.lanchat.server.chat;

import io.netty.channel.EventLoop;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live conversations: those with a connection attached, or with a reply still generating or being delivered
 * during the resume grace period. A session without either lives on only as history in the session store.
 * Thread-safe.
 */
public final class Conversations {
    private final ConcurrentHashMap<String, Conversation> live = new ConcurrentHashMap<>();
    private final ChatServices services;

    public Conversations(ChatServices services) {
        this.services = services;
    }

    /** The live conversation of a session, or a new one confined to {@code loop}. */
    public Conversation getOrCreate(String sessionId, EventLoop loop) {
        return live.computeIfAbsent(sessionId, id -> new Conversation(id, services, loop, this));
    }

    /**
     * Like {@link #getOrCreate}, for a resume that will attach to the conversation on its loop: until that resume
     * has run, the conversation cannot leave the registry (its last connection may be closing right now), so two
     * live conversations never exist for one session.
     */
    public Conversation claimForResume(String sessionId, EventLoop loop) {
        return live.compute(sessionId, (id, existing) -> {
            Conversation conversation = existing != null ? existing : new Conversation(id, services, loop, this);
            conversation.resumeClaimed();
            return conversation;
        });
    }

    /** Removes the conversation unless a resume has claimed it meanwhile. */
    void remove(Conversation conversation) {
        live.computeIfPresent(conversation.sessionId(),
                (id, existing) -> existing == conversation && !conversation.hasClaims() ? null : existing);
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
