package io.lanchat.server.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * Closes the connection, with the WebSocket status that says why, for frames the protocol does not allow:
 * binary frames (1003) and messages over the size limit once fragments are joined (1009).
 */
@Sharable
final class FrameGuard extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame) {
            ReferenceCountUtil.release(msg);
            close(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "only text frames are accepted");
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big");
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    static void close(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        ClientMistakes.log(ctx.channel(), "closing with " + status.code() + " (" + reason + ")");
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
