package io.lanchat.server.chat;

import io.netty.channel.EventLoop;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live conversations: those with a connection attached, or with a reply still generating during the resume
 * grace period. A session without either lives on only as history in the session store. Thread-safe.
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

    void remove(Conversation conversation) {
        live.remove(conversation.sessionId(), conversation);
    }

    public int size() {
        return live.size();
    }

    public ChatServices services() {
        return services;
    }
}
