package io.lanchat.server.transport;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.PingRequest;
import io.lanchat.protocol.Pong;
import io.lanchat.protocol.RoomTyping;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.TypingRequest;
import io.lanchat.server.access.ClientIdentity;
import io.lanchat.server.access.RateLimits;
import io.lanchat.server.access.TokenBucket;
import io.lanchat.server.chat.Conversation;
import io.lanchat.server.chat.Conversations;
import io.lanchat.server.chat.Watcher;
import io.lanchat.server.library.ConversationLibrary;
import io.lanchat.server.room.MemberNames;
import io.lanchat.server.room.RoomMembers;
import io.lanchat.server.room.TypingPace;
import io.lanchat.server.share.ShareLink;
import io.lanchat.server.share.ShareService;
import io.lanchat.server.share.ShareTokens;
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
 * A room's member ({@code /ws?room=TOKEN&name=NAME[&member=KEY]}), in the {@code ChatHandler}'s place: it takes its
 * {@link RoomSeat} (present, holding the conversation live, watching it), gets the conversation ({@code room_state}),
 * then follows it as a {@link Watcher}; its {@code chat} goes to the conversation under its name and its own identity
 * (queue, rate limit), its {@code typing} to the others. Close codes: 4400 for a bad name, 4404 when the invite opens
 * nothing (unknown, revoked, expired) or is revoked, 4409 when the name is taken, 4408 when the same member came
 * back on a new connection.
 */
final class RoomMemberHandler extends SimpleChannelInboundHandler<ClientMessage> implements Watcher, RoomMembers.Member {
    static final int BAD_NAME = 4400;
    static final int NAME_TAKEN = 4409;
    static final int REPLACED = 4408;

    private final ShareService shares;
    private final RoomMembers members;
    private final RoomSeat seat;
    private final Duration pingInterval;
    private final RateLimits rateLimits;
    private final TokenBucket rate;
    private final Duration stallTimeout;
    private final CloseOnce closer = new CloseOnce();
    private ChannelHandlerContext ctx;
    private ClientIdentity identity;
    private String name;
    private String key;
    private final TypingPace typingPace = new TypingPace();

    RoomMemberHandler(ShareService shares, Conversations conversations, ConversationLibrary library,
                      RoomMembers members, Duration pingInterval, RateLimits rateLimits) {
        this.shares = shares;
        this.members = members;
        this.seat = new RoomSeat(shares, conversations, library, members);
        this.pingInterval = pingInterval;
        this.rateLimits = rateLimits;
        this.rate = rateLimits.newConnectionBucket();
        this.stallTimeout = conversations.services().replies().clientStallTimeout();
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
            ctx.pipeline().addFirst("stall", new StalledClientGuard(stallTimeout));
            name = MemberNames.check(first(query, "name"));
            if (name == null) {
                close(BAD_NAME, MemberNames.problem());
                return;
            }
            String presented = first(query, "member");
            key = presented != null && ShareTokens.wellFormed(presented) ? presented : ShareTokens.newToken();
            shares.find(token, ShareLink.Kind.ROOM)
                    .thenCompose(found -> found.isEmpty() ? CompletableFuture.completedFuture(found)
                            : seat.load(found.get()).thenApply(loaded -> loaded ? found : Optional.<ShareLink>empty()))
                    .whenComplete((found, failure) -> ctx.executor().execute(() -> {
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

    /** On the channel's loop: takes the seat; then looks once more for a revocation that may have missed it. */
    private void enter(String token, ShareLink found) {
        if (!ctx.channel().isActive()) {
            return;
        }
        switch (seat.enter(found, this, ctx.channel().eventLoop())) {
            case NAME_TAKEN -> close(NAME_TAKEN, "name taken in this room");
            case FULL -> close(WebSocketCloseStatus.TRY_AGAIN_LATER.code(), "the server is full; try again later");
            case IN -> shares.find(token, ShareLink.Kind.ROOM).thenAccept(still -> {
                if (still.isEmpty()) {
                    revoked();
                }
            });
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        Conversation conversation = seat.conversation();
        if (message instanceof PingRequest ping) {
            ctx.writeAndFlush(new Pong(ping.id()));
        } else if (conversation == null) {
            ctx.writeAndFlush(new ErrorMessage(message.id(), ErrorCode.NOT_FOUND, "You are not in the room yet:"
                    + " wait for room_state.", true));
        } else if (message instanceof ChatRequest chat) {
            chat(conversation, chat);
        } else if (message instanceof CancelRequest cancel) {
            conversation.room().memberCancel(name, cancel, this::tell);
        } else if (message instanceof TypingRequest) {
            typing(conversation);
        } else {
            ctx.writeAndFlush(new ErrorMessage(message.id(), ErrorCode.READ_ONLY, "A room's member can send"
                    + " messages, stop its own reply, say it is typing and ping; nothing else.", false));
        }
    }

    /** The member's message goes to the conversation under the member's name and identity, within its rate. */
    private void chat(Conversation conversation, ChatRequest chat) {
        long wait = rateLimits.tryTake(rate, identity);
        if (wait > 0) {
            tell(new ErrorMessage(chat.id(), ErrorCode.RATE_LIMITED, "You are sending messages too fast: wait "
                    + wait + " s, then send it again.", true));
            return;
        }
        boolean onlyWhenMentioned = seat.link().answersWhenMentioned();
        conversation.room().memberChat(name, identity.key(), chat, this::tell, onlyWhenMentioned);
    }

    /** Passed on to the others and the owner, at most once every {@link TypingPace#EVERY_MILLIS}. */
    private void typing(Conversation conversation) {
        if (!typingPace.passes(System.nanoTime())) {
            return;
        }
        RoomTyping typing = RoomTyping.member(name);
        members.tellOthers(seat.link().conversationId(), this, typing);
        conversation.room().tellOwner(typing);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        Conversation conversation = seat.conversation();
        if (conversation != null && ctx.channel().isWritable()) {
            conversation.execute(conversation::writable);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        seat.leave(this, this);
        super.channelInactive(ctx);
    }

    private void close(int code, String reason) {
        closer.close(ctx, code, reason);
    }

    /** The same member came back on a new connection, which took this one's place in the room. */
    void replaced() {
        seat.leave(this, this);
        ctx.executor().execute(() -> close(REPLACED, "you joined this room again from another connection"));
    }

    // RoomMembers.Member and Watcher: called from any thread; Netty's writes are safe from any thread.

    @Override
    public String name() {
        return name;
    }

    @Override
    public String key() {
        return key;
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
        return seat.link().id();
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
        shares.view(seat.link()).thenAccept(view -> view.ifPresent(v -> ctx.writeAndFlush(seat.state(v, name, key))));
    }

    @Override
    public void revoked() {
        seat.leave(this, this);
        close(ShareViewerHandler.SHARE_GONE, "room invite revoked");
    }
}
