package io.lanchat.server.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket keepalive: after an interval without traffic the server sends a ping (keeping reverse proxies with
 * idle timeouts from dropping quiet users); a connection from which nothing at all — not even the pong — arrives
 * for three intervals is half-open and is closed.
 */
final class KeepAliveHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(KeepAliveHandler.class);

    /** Installs the idle detector and this handler at the head of a pipeline whose handshake completed. */
    static void install(ChannelHandlerContext ctx, Duration interval) {
        long millis = interval.toMillis();
        ctx.pipeline().addFirst("keepalive", new KeepAliveHandler());
        ctx.pipeline().addFirst("idle", new IdleStateHandler(3 * millis, 0, millis, TimeUnit.MILLISECONDS));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                log.info("{}: no traffic, not even pongs, for three ping intervals; closing", ctx.channel().remoteAddress());
                ctx.close();
            } else if (idle.state() == IdleState.ALL_IDLE) {
                ctx.channel().writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER))
                        .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }
}
