package io.lanchat.server.access;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open TCP connections, in total and per client address, from the moment they connect (a socket that
 * never sends a request holds a place as much as one that upgraded), so the upgrade can refuse one too many.
 * Each connection counts once, against one address: its peer's, or, behind a trusted proxy, the forwarded one
 * once the request names it. Thread-safe.
 */
@Sharable
public final class ConnectionCounter extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<InetAddress> COUNTED_AS = AttributeKey.valueOf("lanchat.countedAs");

    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        total.incrementAndGet();
        InetAddress peer = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        ctx.channel().attr(COUNTED_AS).set(peer);
        increment(peer);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        total.decrementAndGet();
        InetAddress counted = ctx.channel().attr(COUNTED_AS).getAndSet(null);
        if (counted != null) {
            decrement(counted);
        }
        super.channelInactive(ctx);
    }

    int total() {
        return total.get();
    }

    /**
     * Counts this connection against {@code client} instead of the address it was counted against so far (a
     * reverse proxy's), and returns how many connections that client now has, this one included. Call on the
     * channel's event loop; calling it again for the same client changes nothing.
     */
    int countAs(Channel channel, InetAddress client) {
        InetAddress before = channel.attr(COUNTED_AS).get();
        if (before == null) {
            return connectionsFrom(client);        // already closed
        }
        if (!before.equals(client)) {
            channel.attr(COUNTED_AS).set(client);
            increment(client);
            decrement(before);
        }
        return connectionsFrom(client);
    }

    int connectionsFrom(InetAddress address) {
        AtomicInteger n = perAddress.get(address);
        return n == null ? 0 : n.get();
    }

    private void increment(InetAddress address) {
        perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
    }

    private void decrement(InetAddress address) {
        perAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() == 0 ? null : n);
    }
}
