package io.lanchat.server.chat;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryCleared;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ModelList;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyInProgress;
import io.lanchat.protocol.ResetRequest;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.Resumed;
import io.lanchat.protocol.RetryRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.server.ollama.OllamaMessage;
import io.lanchat.server.session.ContextWindow;
import io.lanchat.server.session.Session;
import io.lanchat.server.session.Turn;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's live conversation: at most one reply in flight, history in the session store, and a failed
 * message kept as the session's pending message so {@code retry} can send it again. A reply belongs to the
 * session, not to the connection: when the connection drops, the reply goes on for the resume grace period and
 * its deltas are kept, so a client that resumes gets the missed part and then the live rest.
 *
 * <p>Confined to one event loop (the one its Ollama streams run on): call every method through
 * {@link #execute(Runnable)}.
 */
public final class Conversation {
    private static final Logger log = LoggerFactory.getLogger(Conversation.class);
    /**
     * A reply nobody is attached to reads on from Ollama only until it holds this much text, then waits for a
     * resume (or the grace to end). A GPU writing 100 tokens a second, at about four characters a token, reaches
     * it in some 40 minutes, far past any grace; only a backend faster than a person could read ever meets it, and then memory stays bounded.
     */
    private static final int DETACHED_REPLY_LIMIT_CHARS = 1 << 20;

    private final String sessionId;
    private final ChatServices services;
    private final EventLoop loop;
    private final Conversations registry;
    private ClientSink sink;
    private Reply reply;
    private Map<String, Object> pendingOptions;
    private ScheduledFuture<?> graceTimer;

    Conversation(String sessionId, ChatServices services, EventLoop loop, Conversations registry) {
        this.sessionId = sessionId;
        this.services = services;
        this.loop = loop;
        this.registry = registry;
    }

    public String sessionId() {
        return sessionId;
    }

    /** Runs {@code task} on this conversation's event loop (at once when already there). */
    public void execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** A connection takes this conversation; one that held it before is told it was displaced. */
    public void attach(ClientSink newSink) {
        if (sink != null && sink != newSink) {
            sink.displaced();
        }
        sink = newSink;
        if (graceTimer != null) {
            graceTimer.cancel(false);
            graceTimer = null;
        }
    }

    /**
     * A connection resumes this session: it gets the history and the reply in flight from where it left off.
     */
    public void resume(ClientSink newSink, ResumeRequest request) {
        attach(newSink);
        Session session = services.sessions().find(sessionId).orElse(null);
        List<HistoryMessage> history = session == null ? List.of() : session.turns().stream()
                .map(t -> new HistoryMessage(t.role().wireName(), t.content(), t.cancelled()))
                .toList();
        ReplyInProgress progress = null;
        long from = 0;
        if (reply != null) {
            boolean same = reply.requestId == null ? request.replyId() == null : reply.requestId.equals(request.replyId());
            from = same && request.lastSeq() != null ? Math.min(request.lastSeq() + 1, reply.deltaCount()) : 0;
            progress = new ReplyInProgress(reply.requestId, reply.model(), from);
        }
        send(new Resumed(request.id(), sessionId, history, session == null ? null : session.pending(), progress));
        if (reply != null) {
            reply.replayFrom(from);
            // Reading may have paused while the old connection was dying; the new one can take more.
            reply.resumeReading();
            reply.reannounceQueuePosition();
        }
        flush();
        log.debug("session {} resumed ({} messages, reply from seq {})", shortId(), history.size(), from);
    }

    /**
     * The connection went away. A reply in flight goes on for the grace period, waiting for a resume; without one
     * the conversation leaves memory (its history stays in the session store until it expires).
     */
    public void detach(ClientSink oldSink) {
        if (sink != oldSink) {
            return;             // already taken over by another connection
        }
        sink = null;
        if (reply == null) {
            registry.remove(this);
            return;
        }
        graceTimer = loop.schedule(this::graceOver, services.resumeGrace().toNanos(), TimeUnit.NANOSECONDS);
        // With nobody attached the reply is only logged (up to a bound); a pause for the gone client must not
        // stall it.
        reply.resumeReading();
    }

    /** Like {@link #detach}, for the throwaway session of a connection that resumed another one. */
    public void abandon(ClientSink oldSink) {
        detach(oldSink);
        if (reply == null && services.sessions().find(sessionId).map(s -> s.turns().isEmpty()).orElse(true)) {
            services.sessions().remove(sessionId);
        }
    }

    private void graceOver() {
        graceTimer = null;
        if (sink == null && reply != null) {
            log.info("session {}: nobody resumed within {}; cancelling the reply to free the GPU", shortId(),
                    services.resumeGrace());
            stopReply();
            registry.remove(this);
        }
    }

    public void chat(ChatRequest request) {
        int length = request.text().length();
        if (length > services.maxMessageChars()) {
            error(request.id(), ErrorCode.MESSAGE_TOO_LONG, "Your message has " + length
                    + " characters; the limit is " + services.maxMessageChars() + ". Shorten it and send it again.",
                    false);
            return;
        }
        if (refuseWhileReplying(request.id())) {
            return;
        }
        services.sessions().update(sessionId, s -> s.withPending(request.text()));
        pendingOptions = request.options();
        start(request.id(), modelOrDefault(request.model()), request.text(), request.options());
    }

    public void retry(RetryRequest request) {
        if (refuseWhileReplying(request.id())) {
            return;
        }
        String pending = services.sessions().find(sessionId).map(Session::pending).orElse(null);
        if (pending == null) {
            error(request.id(), ErrorCode.NOTHING_TO_RETRY, "There is no failed message to send again.", false);
            return;
        }
        start(request.id(), modelOrDefault(request.model()), pending, pendingOptions);
    }

    public void cancel(CancelRequest request) {
        if (reply == null) {
            error(request.id(), ErrorCode.NOTHING_TO_CANCEL, "No reply is being written, so there is nothing to stop.",
                    false);
            return;
        }
        stopReply();
        flush();
    }

    public void reset(ResetRequest request) {
        if (reply != null) {
            stopReply();
        }
        services.sessions().update(sessionId, Session::cleared);
        pendingOptions = null;
        send(new HistoryCleared(request.id()));
        flush();
    }

    public void listModels(String requestId) {
        send(new ModelList(requestId, services.backends().state().models(), services.defaultModel()));
        flush();
    }

    /** Refuses a chat for a reason of policy (e.g. rate limits) but keeps its text for a retry. */
    public void refuse(ChatRequest request, ErrorCode code, String message) {
        if (reply == null) {
            services.sessions().update(sessionId, s -> s.withPending(request.text()));
            pendingOptions = request.options();
        }
        error(request.id(), code, message, reply == null);
    }

    /** The client can take more: let a paused reply read on. */
    public void writable() {
        if (reply != null) {
            reply.resumeReading();
        }
    }

    public void error(String requestId, ErrorCode code, String message, boolean retryable) {
        services.metrics().error(code);
        send(new ErrorMessage(requestId, code, message, retryable));
        flush();
    }

    private boolean refuseWhileReplying(String requestId) {
        if (reply == null) {
            return false;
        }
        error(requestId, ErrorCode.REPLY_IN_PROGRESS, "A reply is still being written. Wait for it or stop it,"
                + " then send your message again.", false);
        return true;
    }

    private void start(String requestId, String model, String text, Map<String, Object> options) {
        Admission.Refusal refusal = Admission.check(services, model);
        if (refusal != null) {
            error(requestId, refusal.code(), refusal.message(), true);
            return;
        }
        List<Turn> history = services.sessions().find(sessionId).map(Session::turns).orElse(List.of());
        ContextWindow window = services.trimmer().window(history, text);
        List<OllamaMessage> messages = window.messages().stream()
                .map(t -> new OllamaMessage(t.role().wireName(), t.content()))
                .toList();
        reply = new Reply(this, requestId, model, text, window, messages, options,
                sink == null ? "session:" + sessionId : sink.clientKey());
        reply.enqueue();
    }

    private void stopReply() {
        Reply stopped = reply;
        reply = null;
        stopped.cancelStream();
        services.sessions().recordExchange(sessionId, Turn.user(stopped.userText),
                Turn.cancelledAssistant(stopped.text()));
        send(new ReplyCancelled(stopped.requestId, stopped.text()));
    }

    // Called by Reply, on the event loop.

    void finished(Reply finished, Turn assistant) {
        if (reply == finished) {
            reply = null;
            services.sessions().recordExchange(sessionId, Turn.user(finished.userText), assistant);
            pendingOptions = null;
            leaveIfDetached();
        }
    }

    boolean isCurrent(Reply candidate) {
        return reply == candidate;
    }

    EventLoop loop() {
        return loop;
    }

    void failed(Reply failed) {
        if (reply == failed) {
            reply = null;
            leaveIfDetached();
        }
    }

    private void leaveIfDetached() {
        if (sink == null) {
            if (graceTimer != null) {
                graceTimer.cancel(false);
                graceTimer = null;
            }
            registry.remove(this);
        }
    }

    /**
     * Whether the reply may read more from Ollama. With nobody attached the reply is only logged, so Ollama may go
     * at full speed until the log reaches {@link #DETACHED_REPLY_LIMIT_CHARS}; a resume then lets it read on.
     */
    boolean clientWritable() {
        if (sink == null) {
            return reply == null || reply.textLength() < DETACHED_REPLY_LIMIT_CHARS;
        }
        return sink.isWritable();
    }

    void send(ServerMessage message) {
        if (sink != null) {
            sink.send(message);
        }
    }

    void flush() {
        if (sink != null) {
            sink.flush();
        }
    }

    ChatServices services() {
        return services;
    }

    String shortId() {
        return sessionId.substring(0, Math.min(8, sessionId.length()));
    }

    private String modelOrDefault(String model) {
        return model != null ? model : services.defaultModel();
    }

    static Logger log() {
        return log;
    }

    /**
     * The shutdown grace is over: stop the reply still running, as {@code cancel} does (its text so far is kept in
     * the history), and say why before the connection closes.
     */
    void stopForShutdown() {
        if (reply == null) {
            return;
        }
        String requestId = reply.requestId;
        stopReply();
        error(requestId, ErrorCode.SERVER_SHUTTING_DOWN, "The server is shutting down, so it stopped this reply;"
                + " what it wrote so far is kept.", false);
    }
}
