package io.lanchat.server.transport;

import io.lanchat.server.access.LogLimiter;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that has not sent a complete HTTP request (or WebSocket upgrade) within the deadline after
 * it connected, or after its previous answer was written: silent sockets, slowly dribbled headers and idle
 * keep-alive connections would otherwise hold their place under the connection limits for ever. Removed when
 * the WebSocket handshake completes; from then on the keepalive watches the connection.
 */
final class RequestDeadline extends ChannelDuplexHandler {
    static final String NAME = "request-deadline";
    private static final Logger log = LoggerFactory.getLogger(RequestDeadline.class);

    private final long deadlineNanos;
    private ScheduledFuture<?> timer;

    RequestDeadline(Duration deadline) {
        this.deadlineNanos = deadline.toNanos();
    }

    /** Stops watching: the connection is a WebSocket now. */
    static void remove(ChannelPipeline pipeline) {
        if (pipeline.get(NAME) != null) {
            pipeline.remove(NAME);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        arm(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof FullHttpRequest) {
            disarm();                 // the clock starts again once the answer is written
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof LastHttpContent) {
            if (promise.isVoid()) {
                arm(ctx);
            } else {
                promise.addListener(written -> arm(ctx));
            }
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        super.channelInactive(ctx);
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        if (ctx.isRemoved()) {
            return;
        }
        timer = ctx.executor().schedule(() -> {
            LogLimiter.CLIENT_EVENTS.info(log, "{}: no complete HTTP request within {} ms; closing",
                    ctx.channel().remoteAddress(), TimeUnit.NANOSECONDS.toMillis(deadlineNanos));
            ctx.close();
        }, deadlineNanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
