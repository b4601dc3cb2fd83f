package io.lanchat.server.chat;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ModelList;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyInProgress;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.Resumed;
import io.lanchat.protocol.RetryRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.server.ollama.OllamaMessage;
import io.lanchat.server.session.ContextWindow;
import io.lanchat.server.session.ConversationInfo;
import io.lanchat.server.session.SessionRecords;
import io.lanchat.server.session.Titles;
import io.lanchat.server.session.PendingMessage;
import io.lanchat.server.session.Session;
import io.lanchat.server.session.Turn;
import io.netty.channel.EventLoop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's live conversation: at most one reply in flight, history in the session store, and a failed
 * message kept as the session's pending message (with the model and options it was sent with) so {@code retry}
 * can send it again. A reply belongs to the session, not to the connection: when the connection drops, the reply
 * goes on for the resume grace period and its deltas are kept, so a client that resumes gets the missed part and
 * then the live rest.
 *
 * <p>Confined to one event loop (the one its Ollama streams run on): call every method through
 * {@link #execute(Runnable)}.
 */
public final class Conversation {
    private static final Logger log = LoggerFactory.getLogger(Conversation.class);

    private final String sessionId;
    private final ChatServices services;
    private final EventLoop loop;
    private final Conversations registry;
    private final ClientAttachment client;
    /** Resumes on their way to this conversation's loop; while any is, the conversation stays registered. */
    private final AtomicInteger resumeClaims = new AtomicInteger();
    private final TurnRecorder recorder;
    private Reply reply;
    /** A chat's message is being saved before it goes to Ollama: another chat waits for it like for a reply. */
    private boolean saving;
    /** Read from other threads (lists mark conversations with a reply being written). */
    private volatile boolean streaming;

    Conversation(String sessionId, ChatServices services, EventLoop loop, Conversations registry) {
        this.sessionId = sessionId;
        this.services = services;
        this.loop = loop;
        this.registry = registry;
        this.client = new ClientAttachment(loop);
        this.recorder = new TurnRecorder(this, services);
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
        client.attach(newSink, sessionId);
    }

    /**
     * A connection resumes this session (claimed with {@link Conversations#claimForResume}): it gets the history
     * and the reply in flight from where it left off.
     */
    public void resume(ClientSink newSink, ResumeRequest request) {
        takeOver(newSink, request.replyId(), request.lastSeq(), (session, progress) -> new Resumed(request.id(),
                sessionId, session == null ? List.of() : SessionRecords.history(session),
                session == null ? null : session.pending(), progress));
    }

    /**
     * A connection opens (or creates) this conversation: it gets the conversation, its history and the reply in
     * flight, live.
     */
    public void open(ClientSink newSink, String requestId, String replyId, Long lastSeq) {
        takeOver(newSink, replyId, lastSeq, (session, progress) -> new ConversationOpened(requestId,
                SessionRecords.summary(session, streaming), session.info().settings(), session.secret(),
                SessionRecords.history(session), session.pending(), progress));
    }

    /** Attaches the connection (claimed with {@link Conversations#claimForResume}) and replays the reply in flight. */
    private void takeOver(ClientSink newSink, String replyId, Long lastSeq,
                          BiFunction<Session, ReplyInProgress, ServerMessage> answer) {
        claimUsed();
        client.attach(newSink, sessionId);
        Session session = services.sessions().find(sessionId).orElse(null);
        ReplyInProgress progress = null;
        long from = 0;
        if (reply != null) {
            boolean same = reply.requestId == null ? replyId == null : reply.requestId.equals(replyId);
            from = same && lastSeq != null ? nextAfter(lastSeq, reply.deltaCount()) : 0;
            progress = new ReplyInProgress(reply.requestId, reply.model(), from);
        }
        if (session == null) {
            session = services.sessions().createPinned().orElse(null);  // not reached: the conversation pins it
        }
        send(answer.apply(session, progress));
        if (reply != null) {
            reply.reannounceQueuePosition();
            reply.replayFrom(from);
        }
        flush();
        log.debug("session {} taken over (reply from seq {})", shortId(), from);
    }

    /** The delta after {@code lastSeq}, at most {@code count}; safe for any {@code lastSeq} a client sends. */
    static long nextAfter(long lastSeq, long count) {
        return lastSeq >= count - 1 ? count : Math.max(0, lastSeq + 1);
    }

    /**
     * The connection went away. A reply in flight goes on for the grace period, waiting for a resume; without one
     * the conversation leaves memory (its history stays in the session store until it expires).
     */
    public void detach(ClientSink oldSink) {
        if (!client.detach(oldSink)) {
            return;             // already taken over by another connection
        }
        if (reply != null && reply.generated()) {
            finish(reply);      // complete, only not all delivered: a resume finds it in the history
            return;
        }
        if (reply == null) {
            registry.remove(this);
            return;
        }
        client.startGrace(services.resumeGrace(), this::graceOver);
    }

    /**
     * The connection moved on to another conversation: unlike a dropped connection, a reply in flight is not
     * waiting for anyone to come back, it runs to its end and is saved (the owner finds it when they return).
     */
    public void leave(ClientSink oldSink) {
        if (!client.detach(oldSink)) {
            return;
        }
        if (reply != null && reply.generated()) {
            finish(reply);
        } else if (reply == null) {
            registry.remove(this);
        }
    }

    /**
     * The conversation was deleted: its reply stops (and is not recorded), its connection moves on to a new one.
     * The session is removed from memory by whoever deleted it.
     */
    public void deleted() {
        if (reply != null) {
            Reply stopped = reply;
            setReply(null);
            stopped.cancelStream();
        }
        client.cancelGrace();
        client.goneFromUnder(sessionId);
        registry.remove(this);
    }

    /** Like {@link #detach}, for the throwaway session of a connection that resumed another one. */
    public void abandon(ClientSink oldSink) {
        detach(oldSink);
        if (reply == null && services.sessions().find(sessionId).map(s -> s.turns().isEmpty()).orElse(true)) {
            services.sessions().remove(sessionId);
        }
    }

    private void graceOver() {
        if (reply == null) {
            return;
        }
        log.info("session {}: nobody resumed within {}; cancelling the reply to free the GPU", shortId(),
                services.resumeGrace());
        Reply left = reply;
        setReply(null);
        left.cancelStream();
        recorder.recordExchange(left.requestId, left.userTurn(), left.replyTurn(left.text(), true));
        registry.remove(this);
    }

    public void chat(ChatRequest request) {
        if (refuseInvalid(request) || refuseWhileReplying(request.id())) {
            return;
        }
        PendingMessage message = keepPending(request);
        saveThenStart(request.id(), message);
    }

    /** The message is stored before it goes to Ollama: a crash after this never loses what the user typed. */
    private void saveThenStart(String requestId, PendingMessage message) {
        saving = true;
        recorder.savePendingThen(requestId, () -> {
            saving = false;
            if (services.sessions().find(sessionId).isPresent()) {    // not deleted meanwhile
                start(requestId, message.model(), message.text(), message.options());
            }
        });
    }

    /**
     * Answers a chat the server will not keep, whatever else happens to it: too long, or options outside what
     * this server allows. Checked before anything is stored, so nothing unchecked can come back with a retry.
     */
    private boolean refuseInvalid(ChatRequest request) {
        int length = request.text().length();
        if (length > services.maxMessageChars()) {
            error(request.id(), ErrorCode.MESSAGE_TOO_LONG, "Your message has " + length
                    + " characters; the limit is " + services.maxMessageChars() + ". Shorten it and send it again.",
                    false);
            return true;
        }
        String optionProblem = services.replies().options().violation(request.options());
        if (optionProblem != null) {
            error(request.id(), ErrorCode.BAD_REQUEST, optionProblem, false);
            return true;
        }
        return false;
    }

    public void retry(RetryRequest request) {
        if (refuseWhileReplying(request.id())) {
            return;
        }
        PendingMessage pending = services.sessions().find(sessionId).map(Session::waiting).orElse(null);
        if (pending == null) {
            error(request.id(), ErrorCode.NOTHING_TO_RETRY, "There is no failed message to send again.", false);
            return;
        }
        if (request.model() != null) {
            // The user picked another model for this message: it stays with it for later retries too.
            pending = pending.withModel(request.model());
            PendingMessage chosen = pending;
            services.sessions().update(sessionId, s -> s.withPending(chosen));
        }
        saveThenStart(request.id(), pending.model() != null ? pending
                : pending.withModel(modelFor(services.sessions().find(sessionId).orElse(null), null)));
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

    /** The user starts over: a reply in flight stops (kept in this conversation as stopped). */
    public void stopForReset() {
        if (reply != null) {
            stopReply();
            flush();
        }
    }

    public void listModels(String requestId) {
        send(new ModelList(requestId, services.backends().state().models(), services.defaultModel()));
        flush();
    }

    /** Refuses a chat for a reason of policy (e.g. rate limits) but keeps its text for a retry. */
    public void refuse(ChatRequest request, ErrorCode code, String message) {
        if (refuseInvalid(request)) {
            return;
        }
        if (reply == null && !saving) {
            keepPending(request);
            recorder.savePending(request.id());
        }
        error(request.id(), code, message, reply == null);
    }

    /** The client can take more: the reply being delivered goes on. */
    public void writable() {
        if (reply != null) {
            reply.deliverMore();
        }
    }

    public void error(String requestId, ErrorCode code, String message, boolean retryable) {
        services.metrics().error(code);
        send(new ErrorMessage(requestId, code, message, retryable));
        flush();
    }

    private boolean refuseWhileReplying(String requestId) {
        if (reply == null && !saving) {
            return false;
        }
        error(requestId, ErrorCode.REPLY_IN_PROGRESS, "A reply is still being written. Wait for it or stop it,"
                + " then send your message again.", false);
        return true;
    }

    /** Keeps the message, with the model it goes to and its options, until its reply is complete. */
    private PendingMessage keepPending(ChatRequest request) {
        Session session = services.sessions().find(sessionId).orElse(null);
        PendingMessage message = new PendingMessage(request.text(), modelFor(session, request.model()),
                optionsFor(session, request.options()));
        services.sessions().update(sessionId, s -> {
            ConversationInfo info = s.info().title() == null ? s.info().titled(Titles.fromMessage(request.text()))
                    : s.info().touched();
            return s.withPending(message).withInfo(info);
        });
        return message;
    }

    /** The chat's own model, else the conversation's setting, else the server's default. */
    private String modelFor(Session session, String requested) {
        if (requested != null) {
            return requested;
        }
        String setting = session == null ? null : session.info().settings().model();
        return setting != null ? setting : services.defaultModel();
    }

    /** The conversation's options with the chat's own on top. */
    private static Map<String, Object> optionsFor(Session session, Map<String, Object> requested) {
        Map<String, Object> setting = session == null ? null : session.info().settings().options();
        if (setting == null || setting.isEmpty()) {
            return requested;
        }
        Map<String, Object> merged = new LinkedHashMap<>(setting);
        if (requested != null) {
            merged.putAll(requested);
        }
        return merged;
    }

    private void start(String requestId, String model, String text, Map<String, Object> options) {
        Admission.Refusal refusal = Admission.check(services, model);
        if (refusal != null) {
            error(requestId, refusal.code(), refusal.message(), true);
            return;
        }
        Session session = services.sessions().find(sessionId).orElse(null);
        List<Turn> history = session == null ? List.of() : session.turns();
        String system = session == null ? null : session.info().settings().system();
        ContextWindow window = system == null ? services.trimmer().window(history, text)
                : services.trimmer().window(history, text, system);
        List<OllamaMessage> messages = window.messages().stream()
                .map(t -> new OllamaMessage(t.role().wireName(), t.content()))
                .toList();
        setReply(new Reply(this, requestId, model, text, window, messages, options,
                client.clientKey("session:" + sessionId)));
        recorder.startPartialSaves(reply);
        reply.enqueue();
    }

    /** The user stopped the reply: the history keeps what reached them, marked as cancelled. */
    private void stopReply() {
        Reply stopped = reply;
        setReply(null);
        stopped.cancelStream();
        String shown = stopped.deliveredText();
        recorder.recordExchange(stopped.requestId, stopped.userTurn(), stopped.replyTurn(shown, true));
        send(new ReplyCancelled(stopped.requestId, shown));
    }

    // Called by Reply, on the event loop.

    /**
     * The reply was generated and its last frame reached the client, or nobody is attached to take it: it joins
     * the history (where a client that resumes finds it).
     */
    void finish(Reply finished) {
        if (reply == finished) {
            setReply(null);
            recorder.recordExchange(finished.requestId, finished.userTurn(), finished.replyTurn(finished.text(), false));
            leaveIfDetached();
        }
    }

    /** The only place the reply changes, so the registry's count of replies in flight stays exact. */
    private void setReply(Reply next) {
        if (reply == null && next != null) {
            registry.replyStarted();
        } else if (reply != null && next == null) {
            registry.replyEnded();
        }
        if (next == null) {
            recorder.stopPartialSaves();
        }
        reply = next;
        streaming = next != null;
    }

    /** Whether a reply is queued or being written in this conversation now. Any thread. */
    public boolean streaming() {
        return streaming;
    }

    boolean isCurrent(Reply candidate) {
        return reply == candidate;
    }

    EventLoop loop() {
        return loop;
    }

    void failed(Reply failed) {
        if (reply == failed) {
            setReply(null);
            leaveIfDetached();
        }
    }

    private void leaveIfDetached() {
        if (!client.isAttached()) {
            client.cancelGrace();
            registry.remove(this);
        }
    }

    boolean isAttached() {
        return client.isAttached();
    }

    boolean clientWritable() {
        return client.isWritable();
    }

    void send(ServerMessage message) {
        client.send(message);
    }

    void flush() {
        client.flush();
    }

    /** What a reply's delivery sees of this conversation: its attached client. */
    DeliveryTarget deliveryTarget() {
        return new DeliveryTarget() {
            @Override
            public boolean isAttached() {
                return client.isAttached();
            }

            @Override
            public boolean clientWritable() {
                return client.isWritable();
            }

            @Override
            public void send(ServerMessage message) {
                client.send(message);
            }

            @Override
            public void flush() {
                client.flush();
            }
        };
    }

    ChatServices services() {
        return services;
    }

    String shortId() {
        return sessionId.substring(0, Math.min(8, sessionId.length()));
    }

    void resumeClaimed() {
        resumeClaims.incrementAndGet();
    }

    void claimUsed() {
        resumeClaims.updateAndGet(n -> Math.max(0, n - 1));
    }

    boolean hasClaims() {
        return resumeClaims.get() > 0;
    }

    static Logger log() {
        return log;
    }

    /**
     * The shutdown grace is over: stop the reply still running with one final frame, as a failure: the user's
     * message stays pending (nothing typed is lost) and the partial reply is not kept, so a client sends the
     * message again once the server is back.
     */
    void stopForShutdown() {
        if (reply == null) {
            return;
        }
        Reply stopped = reply;
        setReply(null);
        stopped.cancelStream();
        error(stopped.requestId, ErrorCode.SERVER_SHUTTING_DOWN, "The server is shutting down, so it stopped this"
                + " reply. Your message is kept: send it again once the server is back.", true);
        leaveIfDetached();
    }
}
