package io.lanchat.server.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open connections, in total and per remote address, so the upgrade can refuse one too many. */
@Sharable
final class ConnectionCounter extends ChannelInboundHandlerAdapter {
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        total.incrementAndGet();
        perAddress.computeIfAbsent(address(ctx), a -> new AtomicInteger()).incrementAndGet();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        total.decrementAndGet();
        perAddress.computeIfPresent(address(ctx), (a, n) -> n.decrementAndGet() == 0 ? null : n);
        super.channelInactive(ctx);
    }

    int total() {
        return total.get();
    }

    int from(InetAddress address) {
        AtomicInteger n = perAddress.get(address);
        return n == null ? 0 : n.get();
    }

    static InetAddress address(ChannelHandlerContext ctx) {
        return ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
    }
}
