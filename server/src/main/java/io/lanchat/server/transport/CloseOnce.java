package io.lanchat.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a watcher's WebSocket (a share viewer, a room member) with a code the page can read, once, from any
 * thread. Closing the socket right after the close frame can reset it while the client's last pong is unread, and
 * a reset drops the frame: a browser then sees 1006. Waiting for the client's answer with the socket open lets
 * Netty echo a second close frame, which Chromium takes as a protocol error ("Close received after close": 1006
 * too). So: the close frame, then FIN (nothing can follow it), then the client's answer or the deadline ends it.
 */
final class CloseOnce {
    /** How long a client may take to answer the close frame before the socket is closed anyway. */
    private static final long ANSWER_SECONDS = 2;

    private final AtomicBoolean closing = new AtomicBoolean();

    void close(ChannelHandlerContext ctx, int code, String reason) {
        if (!closing.compareAndSet(false, true) || !ctx.channel().isActive()) {
            return;
        }
        ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(written -> {
            if (written.isSuccess() && ctx.channel() instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            } else {
                ctx.close();
            }
        });
        ctx.executor().schedule(() -> ctx.close(), ANSWER_SECONDS, TimeUnit.SECONDS);
    }
}
