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
 * WebSocket keepalive, driven by what the server has <em>read</em>: after each interval in which nothing arrived
 * the server sends a ping, also while it is busy writing (a client that only listens to a long reply still has
 * to answer, and its pong is what proves it alive); a connection from which nothing at all — not even a pong —
 * arrived for three intervals is half-open and is closed. Pings also keep reverse proxies with idle timeouts
 * from dropping quiet users.
 */
final class KeepAliveHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(KeepAliveHandler.class);
    static final int SILENT_INTERVALS_BEFORE_CLOSE = 3;

    private int silentIntervals;

    /**
     * Installs the idle detector and this handler at the head of a pipeline whose handshake completed, in place
     * of the deadline for the HTTP request.
     */
    static void install(ChannelHandlerContext ctx, Duration interval) {
        RequestDeadline.remove(ctx.pipeline());
        ctx.pipeline().addFirst("keepalive", new KeepAliveHandler());
        ctx.pipeline().addFirst("idle", idleDetector(interval));
    }

    /** Reader-idle only: writes (a streaming reply) must not hide that the client went silent. */
    static IdleStateHandler idleDetector(Duration interval) {
        return new IdleStateHandler(interval.toMillis(), 0, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE && !ctx.channel().isWritable()) {
                // Reading is paused while the client's buffer is full (PauseReadingWhileUnwritable): its pongs
                // cannot arrive, so this silence is ours. A client that drains nothing is StalledClientGuard's.
                return;
            }
            if (idle.state() == IdleState.READER_IDLE) {
                silentIntervals = idle.isFirst() ? 1 : silentIntervals + 1;
                if (silentIntervals >= SILENT_INTERVALS_BEFORE_CLOSE) {
                    log.info("{}: nothing, not even a pong, for three ping intervals; closing",
                            ctx.channel().remoteAddress());
                    ctx.close();
                } else {
                    ctx.channel().writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER))
                            .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
                }
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }
}
