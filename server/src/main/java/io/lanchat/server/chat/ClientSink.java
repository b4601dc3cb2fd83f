package io.lanchat.server.chat;

import io.lanchat.protocol.ServerMessage;
import io.netty.channel.EventLoop;

/** Where a {@link Conversation} sends frames: one client connection. Used only on {@link #eventLoop()}. */
public interface ClientSink {

    /** Queues a frame; nothing goes out until {@link #flush()}. */
    void send(ServerMessage message);

    void flush();

    /** False while the connection's outbound buffer is above its high-water mark. */
    boolean isWritable();

    EventLoop eventLoop();
}
