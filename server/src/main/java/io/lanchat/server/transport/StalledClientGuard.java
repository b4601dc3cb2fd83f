package io.lanchat.server.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that takes nothing the server sends for the stall timeout: its outbound buffer stays above
 * the high-water mark and not one byte of it drains. Such a client may still answer pings (its socket is open,
 * its application just does not read), so the keepalive cannot see it; held open, it would keep its share of
 * outbound memory forever. The conversation treats the close like any dropped connection: a reply is kept for a
 * resume. A slow client that drains at all, however slowly, is left alone.
 */
final class StalledClientGuard extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(StalledClientGuard.class);
    /** How many times per stall timeout the drain is checked. */
    private static final int CHECKS_PER_TIMEOUT = 4;

    private final long timeoutNanos;
    private ScheduledFuture<?> check;
    private long sinceNanos;
    private long lastBytesBeforeWritable;

    StalledClientGuard(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            startWatching(ctx);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            stopWatching();
        } else if (check == null) {
            startWatching(ctx);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stopWatching();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stopWatching();
    }

    private void startWatching(ChannelHandlerContext ctx) {
        sinceNanos = ctx.executor().ticker().nanoTime();
        lastBytesBeforeWritable = ctx.channel().bytesBeforeWritable();
        schedule(ctx);
    }

    private void schedule(ChannelHandlerContext ctx) {
        check = ctx.executor().schedule(() -> check(ctx), timeoutNanos / CHECKS_PER_TIMEOUT, TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        check = null;
        if (ctx.channel().isWritable() || !ctx.channel().isActive()) {
            return;
        }
        long now = ctx.executor().ticker().nanoTime();
        long waiting = ctx.channel().bytesBeforeWritable();
        if (waiting < lastBytesBeforeWritable) {
            sinceNanos = now;               // some of it drained: slow, not gone
        }
        lastBytesBeforeWritable = waiting;
        if (now - sinceNanos >= timeoutNanos) {
            log.info("{}: took nothing of {} bytes waiting for {} s; closing (its reply is kept for a resume)",
                    ctx.channel().remoteAddress(), waiting, TimeUnit.NANOSECONDS.toSeconds(timeoutNanos));
            ctx.close();                    // a client that reads nothing would not read a close frame either
            return;
        }
        schedule(ctx);
    }

    private void stopWatching() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
