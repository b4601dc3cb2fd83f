package io.lanchat.server.chat;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.util.List;
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
        services.shutdown().register(this);     // created by the transport: this is how shutdown reaches us
    }

    /** The live conversation of a session, or a new one confined to {@code loop}. */
    public Conversation getOrCreate(String sessionId, EventLoop loop) {
        return live.computeIfAbsent(sessionId, id -> new Conversation(id, services, loop, this));
    }

    void remove(Conversation conversation) {
        live.remove(conversation.sessionId(), conversation);
    }

    /**
     * Shutdown's grace is over: each live conversation stops its running reply with its final frames, on its own
     * loop.
     *
     * @return one future per conversation, done once it has
     */
    public List<Future<?>> stopAllForShutdown() {
        return live.values().stream().<Future<?>>map(c -> c.loop().submit(c::stopForShutdown)).toList();
    }

    public int size() {
        return live.size();
    }

    public ChatServices services() {
        return services;
    }
}
