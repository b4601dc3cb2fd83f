package io.lanchat.server.transport;

import io.lanchat.server.access.ClientIdentity;
import io.lanchat.server.access.LogLimiter;
import io.lanchat.server.access.RateLimits;
import io.lanchat.server.access.TokenBucket;
import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ConversationSettings;
import io.lanchat.protocol.CreateConversationRequest;
import io.lanchat.protocol.HistoryCleared;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.PullProgress;
import io.lanchat.protocol.PullRequest;
import io.lanchat.protocol.Hello;
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
import io.lanchat.server.library.ConversationLibrary;
import io.lanchat.server.session.ConversationInfo;
import io.lanchat.server.session.Session;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per connection: opens a session when the WebSocket handshake completes, says hello, applies rate limits,
 * and hands each request to the session's {@link Conversation} (on the conversation's own event loop, which is
 * this channel's unless the session was resumed from another connection).
 */
final class ChatHandler extends SimpleChannelInboundHandler<ClientMessage> implements ClientSink {
    private static final Logger log = LoggerFactory.getLogger(ChatHandler.class);
    /** Close code for a connection whose session another connection resumed. */
    static final int DISPLACED = 4001;
    /**
     * A client resumes once after connecting; a few more are tolerated. Each answer carries a whole history (up to
     * --max-session-chars), so without a cap a client could make the server queue megabytes per request.
     */
    static final int MAX_RESUMES_PER_CONNECTION = 3;

    private final Conversations conversations;
    private final ChatServices services;
    private final ClientRegistry clients;
    private final String serverName;
    private final RateLimits rateLimits;
    private final TokenBucket connectionRate;
    private final Duration pingInterval;
    private final ModelPuller puller;
    private final ConversationLibrary library;
    private ChannelHandlerContext ctx;
    private Conversation conversation;
    private ClientIdentity identity;
    private ConversationCommands commands;
    private int resumes;
    /** The id of this connection's own conversation while this connection deletes it; null otherwise. */
    private String deletingOwn;

    ChatHandler(Conversations conversations, ClientRegistry clients, String serverName, RateLimits rateLimits,
                Duration pingInterval, ModelPuller puller, ConversationLibrary library) {
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
            this.commands = new ConversationCommands(this, library, identity.owner(), ctx);
            Session session = newConversation(null, null);
            if (session == null) {
                refuseFull(ctx);
                return;
            }
            clients.add(ctx.channel());
            OllamaState ollama = services.backends().state();
            ctx.writeAndFlush(new Hello(session.id(), session.secret(), ProtocolVersion.CURRENT, serverName,
                    ollama.status(), ollama.models(), services.defaultModel(), services.maxMessageChars(),
                    identity.issuedOwnerKey(), services.saver().kind()));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        Conversation c = conversation;
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
        } else if (message instanceof CancelRequest cancel) {
            c.execute(() -> c.cancel(cancel));
        } else if (message instanceof ResetRequest reset) {
            // Starting over keeps the old conversation (listed, reopenable): its reply stops, a new one begins.
            c.execute(() -> {
                c.stopForReset();
                ctx.channel().eventLoop().execute(() -> moveToNew(reset.id()));
            });
        } else if (message instanceof ListModelsRequest list) {
            c.execute(() -> c.listModels(list.id()));
        } else if (message instanceof PingRequest ping) {
            ctx.writeAndFlush(new Pong(ping.id()));
        } else if (message instanceof ResumeRequest resume) {
            resume(resume);
        } else if (message instanceof PullRequest pull) {
            pull(pull);
        } else if (commands.handle(message)) {
            return;
        } else {
            throw new IllegalStateException("unhandled message type " + message.getClass().getName());
        }
    }

    private void pull(PullRequest request) {
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

    private void resume(ResumeRequest request) {
        if (++resumes > MAX_RESUMES_PER_CONNECTION) {
            Conversation current = conversation;
            current.execute(() -> current.error(request.id(), ErrorCode.RATE_LIMITED, "This connection has resumed "
                    + MAX_RESUMES_PER_CONNECTION + " times already; open a new connection to resume again.", false));
            return;
        }
        Session session = services.sessions().find(request.sessionId())
                .filter(s -> s.secretMatches(request.secret()))
                .orElse(null);
        Conversation target = session == null ? null
                : conversations.claimForResume(session.id(), ctx.channel().eventLoop());
        if (target == null) {
            // The same answer for unknown, expired (even this very moment) and wrong secret: nothing to learn.
            LogLimiter.CLIENT_EVENTS.info(log, "{}: resume refused", ctx.channel().remoteAddress());
            Conversation current = conversation;     // the field may change before the task runs on its loop
            current.execute(() -> current.error(request.id(), ErrorCode.RESUME_FAILED, "That conversation"
                    + " cannot be resumed (it expired, or the server restarted); a new one has started.", false));
            return;
        }
        Conversation previous = conversation;
        if (previous != target) {
            previous.execute(() -> previous.abandon(this));
            conversation = target;
        }
        target.execute(() -> target.resume(this, request));
    }

    /**
     * Gives this connection a new, empty conversation of its owner (left behind: the one it had, whose reply goes
     * on). Null when live conversations fill the history budget.
     */
    private Session newConversation(String title, ConversationSettings settings) {
        Session session = services.sessions()
                .createPinned(ConversationInfo.started(identity.owner(), title, settings)).orElse(null);
        Conversation created = session == null ? null
                : conversations.getOrCreate(session.id(), ctx.channel().eventLoop());
        if (created == null) {
            return null;
        }
        switchTo(created);
        created.attach(this);
        return session;
    }

    /** After reset, or when the open conversation was deleted: a new one, announced with {@code cleared}. */
    private void moveToNew(String requestId) {
        if (!ctx.channel().isActive()) {
            return;
        }
        Session session = newConversation(null, null);
        if (session == null) {
            refuseFull(ctx);
            return;
        }
        ctx.writeAndFlush(new HistoryCleared(requestId, session.id(), session.secret()));
    }

    /** {@code create}: a new conversation, perhaps named and set up, announced with {@code opened}. */
    void create(CreateConversationRequest request) {
        ConversationSettings settings = request.settings();
        String problem = settings == null || settings.options() == null ? null
                : services.replies().options().violation(settings.options());
        if (problem != null) {
            ctx.writeAndFlush(new ErrorMessage(request.id(), ErrorCode.BAD_REQUEST, problem, false));
            return;
        }
        Session session = services.sessions()
                .createPinned(ConversationInfo.started(identity.owner(), request.title(), settings)).orElse(null);
        Conversation created = session == null ? null
                : conversations.claimForResume(session.id(), ctx.channel().eventLoop());
        if (created == null) {
            ctx.writeAndFlush(new ErrorMessage(request.id(), ErrorCode.SERVER_BUSY, "The server holds as many"
                    + " conversations as it can right now; try again later.", true));
            return;
        }
        library.saveIfNamed(session);
        switchTo(created);
        created.execute(() -> created.open(this, request.id(), null, null));
    }

    /** {@code open}, once the library has the conversation held (pinned) for it: on the channel's loop. */
    void open(Session session, OpenConversationRequest request) {
        Conversation target = conversations.claimForResume(session.id(), ctx.channel().eventLoop());
        if (target == null) {
            ctx.writeAndFlush(new ErrorMessage(request.id(), ErrorCode.INTERNAL_ERROR, "That conversation could"
                    + " not be opened just now; try again.", true));
            return;
        }
        if (!ctx.channel().isActive()) {
            target.execute(() -> {         // gone meanwhile: let the conversation leave memory as usual
                target.open(this, request.id(), null, null);
                target.leave(this);
            });
            return;
        }
        switchTo(target);
        target.execute(() -> target.open(this, request.id(), request.replyId(), request.lastSeq()));
    }

    /** This connection now carries {@code target}; the one it had is left (a reply there goes on). */
    private void switchTo(Conversation target) {
        Conversation previous = conversation;
        if (previous != null && previous != target) {
            previous.execute(() -> previous.leave(this));
        }
        conversation = target;
    }

    /** Live conversations fill the history budget: say so, and let the client come back later. */
    private void refuseFull(ChannelHandlerContext ctx) {
        LogLimiter.CLIENT_EVENTS.warn(log, "{}: refused: live conversations fill the history budget (--max-history-chars)",
                ctx.channel().remoteAddress());
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.TRY_AGAIN_LATER,
                "the server holds as many conversations as it can; try again later"))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        Conversation c = conversation;
        if (c != null && ctx.channel().isWritable()) {
            c.execute(c::writable);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        clients.remove(ctx.channel());
        Conversation c = conversation;
        if (c != null) {
            c.execute(() -> c.detach(this));
            conversation = null;
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

    /** This connection is deleting a conversation (on the channel's loop). */
    void deleting(String conversationId) {
        if (conversation != null && conversation.sessionId().equals(conversationId)) {
            deletingOwn = conversationId;
        }
    }

    /** The delete this connection asked for is done and answered: a new conversation if it was the open one. */
    void deleted(String conversationId, String requestId) {
        if (conversationId.equals(deletingOwn)) {
            deletingOwn = null;
            if (conversation == null) {
                moveToNew(requestId);
            }
        }
    }

    @Override
    public void conversationGone(String sessionId) {
        ctx.channel().eventLoop().execute(() -> {
            if (conversation != null && conversation.sessionId().equals(sessionId)) {
                conversation = null;
                if (!sessionId.equals(deletingOwn)) {
                    moveToNew(null);        // deleted by another connection of its owner
                }                           // else: the answer to this connection's own delete moves it on
            }
        });
    }

    @Override
    public void displaced(String sessionId) {
        ctx.channel().eventLoop().execute(() -> {
            if (conversation == null || !conversation.sessionId().equals(sessionId)) {
                return;                // this connection has moved on to another session meanwhile
            }
            conversation = null;       // the session now belongs to the other connection
            ctx.writeAndFlush(new CloseWebSocketFrame(DISPLACED, "session resumed by another connection"))
                    .addListener(ChannelFutureListener.CLOSE);
        });
    }
}
