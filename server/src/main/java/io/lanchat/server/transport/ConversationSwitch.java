package io.lanchat.server.transport;

import io.lanchat.protocol.ConversationSettings;
import io.lanchat.protocol.CreateConversationRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryCleared;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.ResetRequest;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.server.access.LogLimiter;
import io.lanchat.server.chat.ChatServices;
import io.lanchat.server.chat.ClientSink;
import io.lanchat.server.chat.Conversation;
import io.lanchat.server.chat.Conversations;
import io.lanchat.server.library.ConversationLibrary;
import io.lanchat.server.session.ConversationInfo;
import io.lanchat.server.session.Session;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which conversation one connection carries, and every way that changes: its first at the handshake, a new one
 * after reset or when the open one is deleted, one it creates, opens or resumes, and none once another connection
 * resumed it or the connection closed. The conversation it had is left behind (a reply there goes on).
 *
 * <p>Confined to the channel's event loop, like its {@link ChatHandler}: {@link #current()} changes only there.
 * A conversation runs on its own loop (another one when it was resumed from another connection), so each call to
 * it goes through {@link Conversation#execute}, and its calls back ({@link #gone}, {@link #displaced}) hop here.
 */
final class ConversationSwitch {
    private static final Logger log = LoggerFactory.getLogger(ConversationSwitch.class);
    /** Close code for a connection whose session another connection resumed. */
    static final int DISPLACED = 4001;
    /**
     * A client resumes once after connecting; a few more are tolerated. Each answer carries a whole history (up to
     * --max-session-chars), so without a cap a client could make the server queue megabytes per request.
     */
    static final int MAX_RESUMES_PER_CONNECTION = 3;

    private final ClientSink sink;
    private final ChannelHandlerContext ctx;
    private final Conversations conversations;
    private final ChatServices services;
    private final ConversationLibrary library;
    private final String owner;
    private Conversation conversation;
    private int resumes;
    /** The id of this connection's own conversation while this connection deletes it; null otherwise. */
    private String deletingOwn;

    ConversationSwitch(ClientSink sink, ChannelHandlerContext ctx, Conversations conversations,
                       ConversationLibrary library, String owner) {
        this.sink = sink;
        this.ctx = ctx;
        this.conversations = conversations;
        this.services = conversations.services();
        this.library = library;
        this.owner = owner;
    }

    /** The conversation this connection carries now; null before the handshake, after a displacement or close. */
    Conversation current() {
        return conversation;
    }

    /** The connection's first conversation, at the handshake; null when it was refused (and is being closed). */
    Session first() {
        Session session = newConversation(null, null);
        if (session == null) {
            refuseFull();
        }
        return session;
    }

    /** Starting over keeps the old conversation (listed, reopenable): its reply stops, a new one begins. */
    void reset(ResetRequest request) {
        Conversation c = conversation;
        c.execute(() -> {
            c.stopForReset();
            ctx.channel().eventLoop().execute(() -> moveToNew(request.id()));
        });
    }

    void resume(ResumeRequest request) {
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
            previous.execute(() -> previous.abandon(sink));
            conversation = target;
        }
        target.execute(() -> target.resume(sink, request));
    }

    /**
     * Gives this connection a new, empty conversation of its owner (left behind: the one it had, whose reply goes
     * on). Null when live conversations fill the history budget.
     */
    private Session newConversation(String title, ConversationSettings settings) {
        Session session = services.sessions()
                .createPinned(ConversationInfo.started(owner, title, settings)).orElse(null);
        Conversation created = session == null ? null
                : conversations.getOrCreate(session.id(), ctx.channel().eventLoop());
        if (created == null) {
            return null;
        }
        switchTo(created);
        created.attach(sink);
        return session;
    }

    /** After reset, or when the open conversation was deleted: a new one, announced with {@code cleared}. */
    private void moveToNew(String requestId) {
        if (!ctx.channel().isActive()) {
            return;
        }
        Session session = newConversation(null, null);
        if (session == null) {
            refuseFull();
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
                .createPinned(ConversationInfo.started(owner, request.title(), settings)).orElse(null);
        Conversation created = session == null ? null
                : conversations.claimForResume(session.id(), ctx.channel().eventLoop());
        if (created == null) {
            ctx.writeAndFlush(new ErrorMessage(request.id(), ErrorCode.SERVER_BUSY, "The server holds as many"
                    + " conversations as it can right now; try again later.", true));
            return;
        }
        library.saveIfNamed(session);
        switchTo(created);
        created.execute(() -> created.open(sink, request.id(), null, null));
    }

    /** {@code open}, once the library has the conversation held (pinned) for it. */
    void open(Session session, OpenConversationRequest request) {
        Conversation target = conversations.claimForResume(session.id(), ctx.channel().eventLoop());
        if (target == null) {
            ctx.writeAndFlush(new ErrorMessage(request.id(), ErrorCode.INTERNAL_ERROR, "That conversation could"
                    + " not be opened just now; try again.", true));
            return;
        }
        if (!ctx.channel().isActive()) {
            target.execute(() -> {         // gone meanwhile: let the conversation leave memory as usual
                target.open(sink, request.id(), null, null);
                target.leave(sink);
            });
            return;
        }
        switchTo(target);
        target.execute(() -> target.open(sink, request.id(), request.replyId(), request.lastSeq()));
    }

    /** This connection now carries {@code target}; the one it had is left (a reply there goes on). */
    private void switchTo(Conversation target) {
        Conversation previous = conversation;
        if (previous != null && previous != target) {
            previous.execute(() -> previous.leave(sink));
        }
        conversation = target;
    }

    /** This connection is deleting a conversation. */
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

    /** {@link ClientSink#conversationGone}, from the conversation's loop: hops to the channel's. */
    void gone(String sessionId) {
        ctx.channel().eventLoop().execute(() -> {
            if (conversation != null && conversation.sessionId().equals(sessionId)) {
                conversation = null;
                if (!sessionId.equals(deletingOwn)) {
                    moveToNew(null);        // deleted by another connection of its owner
                }                           // else: the answer to this connection's own delete moves it on
            }
        });
    }

    /** {@link ClientSink#displaced}, from the conversation's loop: hops to the channel's. */
    void displaced(String sessionId) {
        ctx.channel().eventLoop().execute(() -> {
            if (conversation == null || !conversation.sessionId().equals(sessionId)) {
                return;                // this connection has moved on to another session meanwhile
            }
            conversation = null;       // the session now belongs to the other connection
            ctx.writeAndFlush(new CloseWebSocketFrame(DISPLACED, "session resumed by another connection"))
                    .addListener(ChannelFutureListener.CLOSE);
        });
    }

    /** The connection closed: the conversation it carried is detached (a reply there waits for a resume). */
    void closed() {
        Conversation c = conversation;
        if (c != null) {
            c.execute(() -> c.detach(sink));
            conversation = null;
        }
    }

    /** Live conversations fill the history budget: say so, and let the client come back later. */
    private void refuseFull() {
        LogLimiter.CLIENT_EVENTS.warn(log, "{}: refused: live conversations fill the history budget"
                + " (--max-history-chars)", ctx.channel().remoteAddress());
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.TRY_AGAIN_LATER,
                "the server holds as many conversations as it can; try again later"))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
