package io.lanchat.server.chat;

import io.lanchat.protocol.ServerMessage;

/**
 * Where a {@link Conversation} sends frames: the client connection attached to it right now. May be called from
 * the conversation's event loop even when the connection lives on another one.
 */
public interface ClientSink {

    /** Queues a frame; nothing goes out until {@link #flush()}. */
    void send(ServerMessage message);

    void flush();

    /** False while the connection's outbound buffer is above its high-water mark. */
    boolean isWritable();

    /** The identity the fair queue and per-client limits know this client by. */
    String clientKey();

    /** Another connection resumed this session: close this one, saying so. */
    void displaced(String sessionId);

    /**
     * The conversation this connection has open was deleted (by this connection or another of its owner's): the
     * connection moves on to a new, empty one and tells its client with {@code cleared}.
     */
    void conversationGone(String sessionId);
}
