package io.lanchat.server.chat;

import io.netty.util.concurrent.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server's shutdown as the conversations see it: once {@link #begin() begun}, no new reply is admitted; when
 * the grace is over, {@link #stopRunningReplies()} stops the replies still running, each with its final frames.
 * The transport creates the {@link Conversations}; they register here, so the server can reach them. Thread-safe.
 */
public final class Shutdown {
    private final List<Conversations> registries = new CopyOnWriteArrayList<>();
    private volatile boolean begun;

    /** From now on new chats are refused with {@code server_shutting_down}. */
    public void begin() {
        begun = true;
    }

    public boolean begun() {
        return begun;
    }

    void register(Conversations conversations) {
        registries.add(conversations);
    }

    /** Replies queued, generating or still being delivered to their clients, over every registry. */
    public int repliesInFlight() {
        return registries.stream().mapToInt(Conversations::repliesInFlight).sum();
    }

    /**
     * Stops every reply still running, each with one final {@code error server_shutting_down} (its message kept),
     * each on its conversation's loop.
     *
     * @return one future per live conversation, done once its frames were written (and after any task queued
     *         for it before, such as a queued request's refusal)
     */
    public List<Future<?>> stopRunningReplies() {
        return registries.stream().flatMap(r -> r.stopAllForShutdown().stream()).toList();
    }
}
