package io.lanchat.server.chat;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live conversations: those with a connection attached, or with a reply still generating during the resume
 * grace period. A session without either lives on only as history in the session store. A live conversation's
 * session is pinned in the store (never evicted nor expired); pin and unpin happen inside this registry's
 * per-session compute, so the pin of a new conversation never interleaves with the unpin of the old one.
 * Thread-safe.
 */
public final class Conversations {
    private final ConcurrentHashMap<String, Conversation> live = new ConcurrentHashMap<>();
    /** Replies queued, generating or still being delivered, over every conversation. */
    private final AtomicInteger repliesInFlight = new AtomicInteger();
    private final ChatServices services;
    private final Audiences audiences = new Audiences();

    public Conversations(ChatServices services) {
        this.services = services;
        services.shutdown().register(this);     // created by the transport: this is how shutdown reaches us
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

    /**
     * A room member arrived: the conversation stays live while any member is present, whether or not its owner has
     * it open, so members' messages are answered with the owner away. Null when the session is not in memory (load
     * it first). Every hold is given back with {@link ConversationRoom#released()}.
     */
    public Conversation holdForRoom(String sessionId, EventLoop loop) {
        return live.compute(sessionId, (id, existing) -> {
            Conversation conversation = existing != null ? existing : pinned(id, loop);
            if (conversation != null) {
                conversation.room().held();
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

    /** The live conversation of a session, or null. */
    public Conversation live(String sessionId) {
        return live.get(sessionId);
    }

    /** Whether a reply is queued or being written in the conversation now. */
    public boolean isStreaming(String sessionId) {
        Conversation conversation = live.get(sessionId);
        return conversation != null && conversation.streaming();
    }

    /** Whether this very conversation is the live one of its session. */
    boolean isLive(Conversation conversation) {
        return live.get(conversation.sessionId()) == conversation;
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

    void replyStarted() {
        repliesInFlight.incrementAndGet();
    }

    void replyEnded() {
        repliesInFlight.decrementAndGet();
    }

    /** Replies queued, generating or being delivered now. Any thread. */
    public int repliesInFlight() {
        return repliesInFlight.get();
    }

    public int size() {
        return live.size();
    }

    /** The watchers of conversations (share links' viewers), which replies stream to as well. */
    public Audiences audiences() {
        return audiences;
    }

    public ChatServices services() {
        return services;
    }
}
