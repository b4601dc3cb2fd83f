package io.lanchat.server.transport;

import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.PingRequest;
import io.lanchat.protocol.Pong;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.SharedView;
import io.lanchat.server.chat.Conversation;
import io.lanchat.server.chat.Conversations;
import io.lanchat.server.chat.Watcher;
import io.lanchat.server.share.ShareLink;
import io.lanchat.server.share.ShareService;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A share link's viewer: a WebSocket opened as {@code /ws?share=TOKEN} (through the same gate as every other, so
 * access tokens apply). It stands in the pipeline before the {@code ChatHandler}; on any other connection it leaves
 * at the handshake. On a viewer's it takes the {@code ChatHandler}'s place: it sends the conversation, then (for a
 * live link) follows it as a {@link Watcher}, answers {@code ping}, and refuses every other frame with
 * {@code read_only}. Close code {@value #SHARE_GONE} when the token opens nothing or the link is revoked.
 */
final class ShareViewerHandler extends SimpleChannelInboundHandler<ClientMessage> implements Watcher {
    static final int SHARE_GONE = 4404;
    static final String CHAT_HANDLER = "chat";

    private final ShareService shares;
    private final Conversations conversations;
    private final Duration pingInterval;
    private final Duration stallTimeout;
    private ChannelHandlerContext ctx;
    /** Set on the channel's loop once the conversation was sent; read by the conversation's loop after join. */
    private volatile ShareLink link;
    /** One close frame per connection, whoever asks first (revocation may come from any thread). */
    private final CloseOnce closer = new CloseOnce();

    ShareViewerHandler(ShareService shares, Conversations conversations, Duration pingInterval) {
        this.shares = shares;
        this.conversations = conversations;
        this.pingInterval = pingInterval;
        this.stallTimeout = conversations.services().replies().clientStallTimeout();
    }

    /** The share token of a {@code /ws?share=TOKEN} request, or null for any other. */
    static String shareToken(String uri) {
        List<String> values = new QueryStringDecoder(uri).parameters().get("share");
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeComplete handshake) {
            String token = shareToken(handshake.requestUri());
            if (token == null) {
                ctx.pipeline().remove(this);            // an ordinary chat connection
                ctx.fireUserEventTriggered(event);
                return;
            }
            this.ctx = ctx;
            ctx.pipeline().remove(CHAT_HANDLER);
            KeepAliveHandler.install(ctx, pingInterval);
            ctx.pipeline().addFirst("stall", new StalledClientGuard(stallTimeout));
            open(token);
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    private void open(String token) {
        shares.find(token).thenCompose(found -> found.isEmpty()
                        ? CompletableFuture.completedFuture(Optional.<Opened>empty())
                        : shares.view(found.get()).thenApply(view -> view.map(v -> new Opened(found.get(), v))))
                .whenComplete((opened, failure) -> ctx.executor().execute(() -> {
                    if (failure != null) {
                        close(WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code(), "cannot open the share now");
                    } else if (opened.isEmpty()) {
                        close(SHARE_GONE, "share not found");
                    } else {
                        start(token, opened.get());
                    }
                }));
    }

    private record Opened(ShareLink link, SharedView view) {
    }

    /** On the channel's loop: the conversation first, then (joined) whatever happens next in it. */
    private void start(String token, Opened opened) {
        if (!ctx.channel().isActive()) {
            return;
        }
        link = opened.link();
        ctx.writeAndFlush(opened.view());
        shares.audiences().join(link.conversationId(), this);
        // Revoked between the lookup and the join: the revocation missed this viewer, so look once more.
        shares.find(token).thenAccept(still -> {
            if (still.isEmpty()) {
                revoked();
            }
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        if (message instanceof PingRequest ping) {
            ctx.writeAndFlush(new Pong(ping.id()));
            return;
        }
        ctx.writeAndFlush(new ErrorMessage(message.id(), ErrorCode.READ_ONLY, "This connection views a shared"
                + " conversation: it can only read it.", false));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        ShareLink shown = link;
        if (shown != null && shown.live() && ctx.channel().isWritable()) {
            Conversation c = conversations.live(shown.conversationId());
            if (c != null) {
                c.execute(c::writable);     // the reply streaming there goes on to this viewer
            }
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ShareLink shown = link;
        if (shown != null) {
            shares.audiences().leave(shown.conversationId(), this);
        }
        super.channelInactive(ctx);
    }

    private void close(int code, String reason) {
        closer.close(ctx, code, reason);
    }

    // Watcher: called from the conversation's loop or a store thread; Netty's writes are safe from any thread.

    @Override
    public boolean live() {
        return link.live();
    }

    @Override
    public String grantId() {
        return link.id();
    }

    @Override
    public void send(ServerMessage message) {
        ctx.write(message, ctx.voidPromise());
    }

    @Override
    public void flush() {
        ctx.flush();
    }

    @Override
    public boolean isWritable() {
        return ctx.channel().isWritable();
    }

    @Override
    public boolean isOpen() {
        return ctx.channel().isActive();
    }

    @Override
    public void refresh() {
        shares.view(link).thenAccept(view -> view.ifPresent(v -> ctx.writeAndFlush(v)));
    }

    @Override
    public void revoked() {
        close(SHARE_GONE, "share revoked");
    }
}
