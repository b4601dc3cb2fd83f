package io.lanchat.server.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stops reading from a client while its outbound buffer is over the high-water mark (it is not taking what the
 * server writes), and reads again once the buffer drained: every request read costs an answer, so reading on
 * would queue answers without bound. Frames already read are still decoded; {@link RequestAllowance} bounds those.
 */
@Sharable
final class PauseReadingWhileUnwritable extends ChannelInboundHandlerAdapter {

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        super.channelWritabilityChanged(ctx);        // the conversation resumes its reply on writable()
    }
}
