package io.lanchat.server.transport;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.PullProgress;
import io.lanchat.protocol.PullRequest;
import io.lanchat.server.access.ClientIdentity;
import io.lanchat.server.backend.ModelPuller;
import io.netty.channel.ChannelHandlerContext;

/**
 * A connection's {@code pull} requests: admins only; the puller's frames go to the client as they come, except
 * progress the client cannot take right now. On the channel's event loop.
 */
final class PullCommand {
    private final ModelPuller puller;
    private final ChannelHandlerContext ctx;
    private final ClientIdentity identity;

    PullCommand(ModelPuller puller, ChannelHandlerContext ctx, ClientIdentity identity) {
        this.puller = puller;
        this.ctx = ctx;
        this.identity = identity;
    }

    void pull(PullRequest request) {
        if (!identity.admin()) {
            ctx.writeAndFlush(new ErrorMessage(request.id(), ErrorCode.FORBIDDEN, "Pulling models needs an admin"
                    + " access token (or a server started with --allow-pull).", false));
            return;
        }
        boolean started = puller.pull(request.id(), request.model(), ctx.channel().eventLoop(), frame -> {
            // Progress comes many times a second; a client that cannot take it now misses some, never the end.
            boolean progress = frame instanceof PullProgress p && !"success".equals(p.status());
            if (!progress || ctx.channel().isWritable()) {
                ctx.writeAndFlush(frame);
            }
        });
        if (!started) {
            ctx.writeAndFlush(new ErrorMessage(request.id(), ErrorCode.OLLAMA_UNAVAILABLE,
                    "No Ollama backend is reachable, so nothing can be pulled now.", true));
        }
    }
}
