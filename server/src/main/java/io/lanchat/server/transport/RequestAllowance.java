package io.lanchat.server.transport;

import io.lanchat.server.access.TokenBucket;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * Caps the frames one connection may send ({@code --requests-per-minute}, bursts up to that number). Every frame
 * costs an answer the server has to write (a pong, the model list, an error), so without a cap a client that
 * sends and never reads makes the server queue answers without bound. Beyond the allowance the client gets one
 * {@code rate_limited} error, then its frames are dropped unanswered; one that sends as many frames again before
 * the allowance refills is closed with 1008. Per connection, on its event loop; time from the loop's ticker.
 */
final class RequestAllowance extends ChannelInboundHandlerAdapter {
    private final int perMinute;
    private TokenBucket bucket;
    private long droppedInARow;
    private boolean closing;

    RequestAllowance(int perMinute) {
        this.perMinute = perMinute;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        bucket = new TokenBucket(perMinute, ctx.executor().ticker().nanoTime());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ClientMessage) && !(msg instanceof RejectedFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closing) {
            return;         // frames decoded from the last read, after the close: nothing more is answered
        }
        long wait = bucket.tryTake(ctx.executor().ticker().nanoTime());
        if (wait == 0) {
            droppedInARow = 0;
            if (msg instanceof RejectedFrame rejected) {
                ctx.writeAndFlush(rejected.answer());
            } else {
                ctx.fireChannelRead(msg);
            }
            return;
        }
        ReferenceCountUtil.release(msg);
        droppedInARow++;
        if (droppedInARow == 1) {
            ClientMistakes.log(ctx.channel(), "over its request allowance; further frames are dropped");
            ctx.writeAndFlush(new ErrorMessage(idOf(msg), ErrorCode.RATE_LIMITED, "Too many requests on this"
                    + " connection (at most " + perMinute + " a minute): wait " + wait + " s. Requests sent"
                    + " meanwhile are not answered; sending as many again closes the connection.", true));
        } else if (droppedInARow > perMinute) {
            closing = true;
            FrameGuard.close(ctx, WebSocketCloseStatus.POLICY_VIOLATION, "too many requests");
        }
    }

    private static String idOf(Object msg) {
        return msg instanceof ClientMessage request ? request.id() : ((RejectedFrame) msg).answer().id();
    }
}
