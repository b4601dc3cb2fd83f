package io.lanchat.server.api;

import io.lanchat.server.access.ClientIdentity;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMethod;

/**
 * One API request being answered: where the answer goes, who asked, and the body as it came (copied out of
 * Netty's buffer, so it can be sent again to another backend on failover).
 *
 * @param ctx       the client's channel context; touched only on its event loop
 * @param keepAlive whether the client's connection stays open after the answer
 * @param identity  who asked: the queue is fair between identities
 * @param finished  tells the connection's handler that the answer is complete (or abandoned)
 */
record ApiCall(ChannelHandlerContext ctx, HttpMethod method, String path, byte[] body, boolean keepAlive,
               ClientIdentity identity, Runnable finished) {
}
