package io.lanchat.server.transport;

import io.lanchat.server.access.ClientIdentity;
import io.lanchat.server.access.LogLimiter;
import io.lanchat.server.access.RateLimits;
import io.lanchat.server.access.TokenBucket;
import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.CreateConversationRequest;
import io.lanchat.protocol.EditRequest;
import io.lanchat.protocol.RegenerateRequest;
import io.lanchat.protocol.SwitchVersionRequest;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.PullRequest;
import io.lanchat.protocol.TypingRequest;
import io.lanchat.protocol.Hello;
import io.lanchat.protocol.OptionLimit;
import io.lanchat.protocol.ListModelsRequest;
import io.lanchat.protocol.PingRequest;
import io.lanchat.protocol.Pong;
import io.lanchat.protocol.ProtocolVersion;
import io.lanchat.protocol.ResetRequest;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.RetryRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.server.backend.ModelPuller;
import io.lanchat.server.chat.ChatServices;
import io.lanchat.server.chat.ClientSink;
import io.lanchat.server.chat.Conversation;
import io.lanchat.server.chat.Conversations;
import io.lanchat.server.monitor.OllamaState;
import io.lanchat.server.monitor.UserFacingStatus;
import io.lanchat.server.library.ConversationLibrary;
import io.lanchat.server.session.Session;
import io.lanchat.server.share.ShareService;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per connection: opens a session when the WebSocket handshake completes, says hello, applies rate limits,
 * and hands each request to the session's {@link Conversation} (on the conversation's own event loop, which is
 * this channel's unless the session was resumed from another connection). Which conversation that is, and how it
 * changes (reset, resume, create, open, delete), is its {@link ConversationSwitch}'s business; the library's
 * requests go to its {@link ConversationCommands}, model pulls to its {@link PullCommand}.
 */
final class ChatHandler extends SimpleChannelInboundHandler<ClientMessage> implements ClientSink {
    private static final Logger log = LoggerFactory.getLogger(ChatHandler.class);

    private final Conversations conversations;
    private final ChatServices services;
    private final ClientRegistry clients;
    private final String serverName;
    private final RateLimits rateLimits;
    private final TokenBucket connectionRate;
    private final Duration pingInterval;
    private final ModelPuller puller;
    private final ConversationLibrary library;
    private final ShareService shares;
    private ChannelHandlerContext ctx;
    private ClientIdentity identity;
    /**
     * Set at the handshake, before any conversation knows this handler (so its loop sees it too); the conversation
     * it holds changes on the channel's loop only.
     */
    private ConversationSwitch current;
    private ConversationCommands commands;
    private PullCommand pulls;

    ChatHandler(Conversations conversations, ClientRegistry clients, String serverName, RateLimits rateLimits,
                Duration pingInterval, ModelPuller puller, ConversationLibrary library, ShareService shares) {
        this.shares = shares;
        this.conversations = conversations;
        this.services = conversations.services();
        this.clients = clients;
        this.serverName = serverName;
        this.rateLimits = rateLimits;
        this.connectionRate = rateLimits.newConnectionBucket();
        this.pingInterval = pingInterval;
        this.puller = puller;
        this.library = library;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeComplete) {
            this.ctx = ctx;
            this.identity = ctx.channel().attr(ClientIdentity.ATTRIBUTE).get();
            KeepAliveHandler.install(ctx, pingInterval);
            ctx.pipeline().addFirst("stall", new StalledClientGuard(services.replies().clientStallTimeout()));
            this.commands = new ConversationCommands(this, library, shares, identity.owner(), ctx);
            this.pulls = new PullCommand(puller, ctx, identity);
            this.current = new ConversationSwitch(this, ctx, conversations, library, identity.owner());
            Session session = current.first();
            if (session == null) {
                return;         // refused: live conversations fill the history budget
            }
            clients.add(ctx.channel());
            OllamaState ollama = services.backends().state();
            ctx.writeAndFlush(new Hello(session.id(), session.secret(), ProtocolVersion.CURRENT, serverName,
                    UserFacingStatus.of(ollama.status()), ollama.models(), services.defaultModel(),
                    services.maxMessageChars(), identity.issuedOwnerKey(), services.saver().kind(), optionLimits()));
        }
        super.userEventTriggered(ctx, event);
    }

    /** The option ranges this server allows, for hello: clients show them instead of guessing. */
    private List<OptionLimit> optionLimits() {
        return services.replies().options().ranges().values().stream()
                .map(r -> new OptionLimit(r.name(), r.min(), r.max(), r.whole())).toList();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        Conversation c = conversation();
        if (c == null) {
            return;     // cannot happen: frames arrive only after the handshake
        }
        if (message instanceof ChatRequest chat) {
            long wait = rateLimits.tryTake(connectionRate, identity);
            if (wait > 0) {
                c.execute(() -> c.refuse(chat, ErrorCode.RATE_LIMITED, "You are sending messages too fast: wait "
                        + wait + " s, then retry. Your message is kept."));
            } else {
                c.execute(() -> c.chat(chat));
            }
        } else if (message instanceof RetryRequest retry) {
            long wait = rateLimits.tryTake(connectionRate, identity);
            if (wait > 0) {
                c.execute(() -> c.error(retry.id(), ErrorCode.RATE_LIMITED, "You are sending messages too fast:"
                        + " wait " + wait + " s, then retry.", true));
            } else {
                c.execute(() -> c.retry(retry));
            }
        } else if (message instanceof RegenerateRequest regenerate) {
            generate(c, regenerate.id(), () -> c.regenerate(regenerate));
        } else if (message instanceof EditRequest edit) {
            generate(c, edit.id(), () -> c.edit(edit));
        } else if (message instanceof SwitchVersionRequest switchVersion) {
            c.execute(() -> c.switchVersion(switchVersion));
        } else if (message instanceof CancelRequest cancel) {
            c.execute(() -> c.cancel(cancel));
        } else if (message instanceof ResetRequest reset) {
            current.reset(reset);
        } else if (message instanceof ListModelsRequest list) {
            c.execute(() -> c.listModels(list.id()));
        } else if (message instanceof PingRequest ping) {
            ctx.writeAndFlush(new Pong(ping.id()));
        } else if (message instanceof ResumeRequest resume) {
            current.resume(resume);
        } else if (message instanceof PullRequest pull) {
            pulls.pull(pull);
        } else if (message instanceof TypingRequest) {
            c.room().ownerTyping();      // the owner of a room types: its members are told; else nothing
        } else if (commands.handle(message)) {
            return;
        } else {
            throw new IllegalStateException("unhandled message type " + message.getClass().getName());
        }
    }

    /** A request that starts a reply without a new chat message: rate-limited like a chat. */
    private void generate(Conversation c, String requestId, Runnable request) {
        long wait = rateLimits.tryTake(connectionRate, identity);
        if (wait > 0) {
            c.execute(() -> c.error(requestId, ErrorCode.RATE_LIMITED, "You are sending messages too fast:"
                    + " wait " + wait + " s, then send it again.", true));
        } else {
            c.execute(request);
        }
    }

    /** The conversation this connection carries now, or null (before the handshake, once displaced or closed). */
    private Conversation conversation() {
        return current == null ? null : current.current();
    }

    // Switching conversations (ConversationCommands ends here), on the channel's loop: see ConversationSwitch.

    void create(CreateConversationRequest request) {
        current.create(request);
    }

    /** {@code open}, once the library has the conversation held (pinned) for it: on the channel's loop. */
    void open(Session session, OpenConversationRequest request) {
        current.open(session, request);
    }

    /** This connection is deleting a conversation (on the channel's loop). */
    void deleting(String conversationId) {
        current.deleting(conversationId);
    }

    /** The delete this connection asked for is done and answered: a new conversation if it was the open one. */
    void deleted(String conversationId, String requestId) {
        current.deleted(conversationId, requestId);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        Conversation c = conversation();
        if (c != null && ctx.channel().isWritable()) {
            c.execute(c::writable);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        clients.remove(ctx.channel());
        if (current != null) {
            current.closed();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof java.io.IOException) {
            log.debug("{}: connection failed: {}", ctx.channel().remoteAddress(), cause.getMessage());
            ctx.close();
            return;
        }
        if (ClientMistakes.isClientMistake(cause)) {
            // Netty's WebSocket decoder has already sent the close frame that names the mistake (1002, 1007,
            // 1009); a second one is not allowed, so this only makes sure the connection goes.
            ClientMistakes.log(ctx.channel(), "bad input, closed: " + cause.getMessage());
            ctx.close();
            return;
        }
        LogLimiter.CLIENT_EVENTS.warn(log, "{}: unexpected error, closing with 1011", ctx.channel().remoteAddress(),
                cause);
        FrameGuard.close(ctx, WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    // ClientSink: called on the conversation's event loop, which may be another one than this channel's;
    // Netty's channel operations are safe from any thread and keep their order.

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
    public String clientKey() {
        return identity.key();
    }

    @Override
    public void conversationGone(String sessionId) {
        current.gone(sessionId);
    }

    @Override
    public void displaced(String sessionId) {
        current.displaced(sessionId);
    }
}
