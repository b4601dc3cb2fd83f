package io.lanchat.server.chat;

import io.lanchat.protocol.ServerMessage;

/** Where {@link ReplyDelivery} sends a reply: the conversation's attached client, if any. */
interface DeliveryTarget {
    boolean isAttached();

    /** False while the client's outbound buffer is above its high-water mark. */
    boolean clientWritable();

    void send(ServerMessage message);

    void flush();
}
