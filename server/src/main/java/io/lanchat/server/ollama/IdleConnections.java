package io.lanchat.server.ollama;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Kept-alive connections to one Ollama whose last chat reply ended cleanly, kept per event loop so that the next
 * reply on that loop skips connecting (a connect costs about half a millisecond before the first token, and
 * Ollama answers HTTP/1.1 keep-alive). A connection is kept at most {@link #IDLE_TIMEOUT}; one that the far end
 * closes, or that sends anything while idle, is dropped.
 *
 * <p>Each loop's idle list is touched only on that loop; the map of lists is thread-safe.
 */
final class IdleConnections {
    /** Idle connections kept per event loop; more are closed. */
    static final int MAX_PER_LOOP = 64;
    /** An idle connection older than this is closed (servers and proxies drop idle connections themselves). */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(20);

    private final Map<EventLoop, ArrayDeque<Channel>> idle = new ConcurrentHashMap<>();

    /** An open idle connection on {@code loop}, now the caller's, or null. Call on {@code loop}. */
    Channel take(EventLoop loop) {
        ArrayDeque<Channel> channels = idle.get(loop);
        while (channels != null && !channels.isEmpty()) {
            // The most recently used one: the least likely to have been closed by the other end meanwhile.
            Channel channel = channels.pollLast();
            channel.pipeline().remove(Watch.class);
            if (channel.isActive()) {
                channel.config().setAutoRead(false);
                return channel;
            }
            channel.close();
        }
        return null;
    }

    /** Keeps a connection whose response ended cleanly, or closes it if enough are kept. Call on its loop. */
    void offer(Channel channel) {
        ArrayDeque<Channel> channels = idle.computeIfAbsent(channel.eventLoop(), loop -> new ArrayDeque<>());
        if (!channel.isActive() || channels.size() >= MAX_PER_LOOP) {
            channel.close();
            return;
        }
        channels.addLast(channel);
        channel.pipeline().addLast(new Watch(channels));
        // Reading while idle is how a close from the other end is noticed.
        channel.config().setAutoRead(true);
    }

    /** Idle connections kept now, over all loops (for tests and metrics). Any thread; approximate. */
    int size() {
        return idle.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /** Watches a connection while it is idle: it leaves the list when it closes, and closes when it times out. */
    private static final class Watch extends ChannelInboundHandlerAdapter {
        private final ArrayDeque<Channel> list;
        private ScheduledFuture<?> timeout;

        Watch(ArrayDeque<Channel> list) {
            this.list = list;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            timeout = ctx.executor().schedule(() -> ctx.channel().close(), IDLE_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            timeout.cancel(false);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // Nothing was asked on this connection: whatever comes is not ours to read.
            ReferenceCountUtil.release(msg);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            list.remove(ctx.channel());
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
