package io.lanchat.server.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open TCP connections, so the WebSocket upgrade can refuse one too many. */
@Sharable
final class ConnectionCounter extends ChannelInboundHandlerAdapter {
    private final AtomicInteger total = new AtomicInteger();

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        total.incrementAndGet();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        total.decrementAndGet();
        super.channelInactive(ctx);
    }

    int total() {
        return total.get();
    }
}
