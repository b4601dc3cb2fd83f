package io.lanchat.server.transport;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.PingRequest;
import io.lanchat.protocol.Pong;
import io.lanchat.protocol.RoomState;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.SharedView;
import io.lanchat.server.access.ClientIdentity;
import io.lanchat.server.access.RateLimits;
import io.lanchat.server.access.TokenBucket;
import io.lanchat.server.chat.Conversation;
import io.lanchat.server.chat.Conversations;
import io.lanchat.server.chat.Watcher;
import io.lanchat.server.room.MemberNames;
import io.lanchat.server.room.RoomMembers;
import io.lanchat.server.share.ShareLink;
import io.lanchat.server.share.ShareService;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Duration;
import java.util.List;

/**
 * A room's member ({@code /ws?room=TOKEN&name=NAME}), in the {@code ChatHandler}'s place: it is told who is present,
 * gets the conversation ({@code room_state}), then follows it as a {@link Watcher}; its {@code chat} goes to the
 * conversation under its name and its own identity (queue, rate limit). Close codes: 4400 for a bad
 * name, 4404 when the invite opens nothing (unknown, revoked, expired) or is revoked, 4409 when the name is taken.
 */
final class RoomMemberHandler extends SimpleChannelInboundHandler<ClientMessage> implements Watcher, RoomMembers.Member {
    static final int BAD_NAME = 4400;
    static final int NAME_TAKEN = 4409;

    private final ShareService shares;
    private final Conversations conversations;
    private final RoomMembers members;
    private final Duration pingInterval;
    private final RateLimits rateLimits;
    private final TokenBucket rate;
    private ChannelHandlerContext ctx;
    private ClientIdentity identity;
    private String name;
    /** Set on the channel's loop once the member is in; read from the conversation's loop. */
    private volatile ShareLink link;
    private final CloseOnce closer = new CloseOnce();

    RoomMemberHandler(ShareService shares, Conversations conversations, RoomMembers members, Duration pingInterval,
                      RateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.rate = rateLimits.newConnectionBucket();
        this.shares = shares;
        this.conversations = conversations;
        this.members = members;
        this.pingInterval = pingInterval;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeComplete handshake) {
            QueryStringDecoder query = new QueryStringDecoder(handshake.requestUri());
            String token = first(query, "room");
            if (token == null) {
                ctx.pipeline().remove(this);            // a share viewer or an ordinary chat connection
                ctx.fireUserEventTriggered(event);
                return;
            }
            this.ctx = ctx;
            this.identity = ctx.channel().attr(ClientIdentity.ATTRIBUTE).get();
            ctx.pipeline().remove(ShareViewerHandler.CHAT_HANDLER);
            ctx.pipeline().remove(ShareViewerHandler.class);
            KeepAliveHandler.install(ctx, pingInterval);
            ctx.pipeline().addFirst("stall", new StalledClientGuard(
                    conversations.services().replies().clientStallTimeout()));
            name = MemberNames.check(first(query, "name"));
            if (name == null) {
                close(BAD_NAME, MemberNames.problem());
                return;
            }
            shares.find(token, ShareLink.Kind.ROOM).whenComplete((found, failure) -> ctx.executor().execute(() -> {
                if (failure != null) {
                    close(WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code(), "cannot open the room now");
                } else if (found.isEmpty()) {
                    close(ShareViewerHandler.SHARE_GONE, "room not found");
                } else {
                    enter(token, found.get());
                }
            }));
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    private static String first(QueryStringDecoder query, String parameter) {
        List<String> values = query.parameters().get(parameter);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** On the channel's loop: present first (so the state names this member), then the conversation, then live. */
    private void enter(String token, ShareLink found) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (!members.join(found.conversationId(), this)) {
            close(NAME_TAKEN, "name taken in this room");
            return;
        }
        link = found;
        shares.audiences().join(found.conversationId(), this);
        refresh();
        // Revoked between the lookup and the join: the revocation missed this member, so look once more.
        shares.find(token, ShareLink.Kind.ROOM).thenAccept(still -> {
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
        if (message instanceof ChatRequest chat && link != null) {
            chat(chat);
            return;
        }
        if (message instanceof CancelRequest cancel && link != null) {
            Conversation c = conversations.live(link.conversationId());
            if (c == null) {
                tell(new ErrorMessage(cancel.id(), ErrorCode.NOTHING_TO_CANCEL, "No reply is being written.", false));
            } else {
                c.execute(() -> c.memberCancel(name, cancel, this::tell));
            }
            return;
        }
        ctx.writeAndFlush(new ErrorMessage(message.id(), ErrorCode.READ_ONLY, "A room's member can send messages,"
                + " stop its own reply and ping; nothing else.", false));
    }

    /** The member's message goes to the conversation under the member's name and identity, within its rate. */
    private void chat(ChatRequest chat) {
        long wait = rateLimits.tryTake(rate, identity);
        if (wait > 0) {
            tell(new ErrorMessage(chat.id(), ErrorCode.RATE_LIMITED, "You are sending messages too fast: wait "
                    + wait + " s, then send it again.", true));
            return;
        }
        Conversation c = conversations.live(link.conversationId());
        if (c == null) {
            tell(new ErrorMessage(chat.id(), ErrorCode.NOT_FOUND, "The room is closed right now: messages are"
                    + " answered while its owner has it open. Try again later.", true));
            return;
        }
        c.execute(() -> c.memberChat(name, identity.key(), chat, this::tell));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        ShareLink in = link;
        if (in != null && ctx.channel().isWritable()) {
            Conversation c = conversations.live(in.conversationId());
            if (c != null) {
                c.execute(c::writable);
            }
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ShareLink in = link;
        if (in != null) {
            shares.audiences().leave(in.conversationId(), this);
            members.leave(in.conversationId(), this);
        }
        super.channelInactive(ctx);
    }

    private void close(int code, String reason) {
        closer.close(ctx, code, reason);
    }

    // RoomMembers.Member and Watcher: called from any thread; Netty's writes are safe from any thread.

    @Override
    public String name() {
        return name;
    }

    @Override
    public void tell(ServerMessage message) {
        ctx.writeAndFlush(message, ctx.voidPromise());
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public boolean inRoom() {
        return true;
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
        ShareLink in = link;
        shares.view(in).thenAccept(view -> view.ifPresent(v -> ctx.writeAndFlush(state(v, in))));
    }

    private RoomState state(SharedView view, ShareLink in) {
        return new RoomState(view.title(), name, members.names(in.conversationId()), view.history());
    }

    @Override
    public void revoked() {
        ShareLink in = link;
        if (in != null) {
            members.leave(in.conversationId(), this);
        }
        close(ShareViewerHandler.SHARE_GONE, "room invite revoked");
    }
}
