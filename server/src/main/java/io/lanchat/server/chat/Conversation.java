package io.lanchat.server.chat;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.EditRequest;
import io.lanchat.protocol.RegenerateRequest;
import io.lanchat.protocol.SwitchVersionRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.RetryRequest;
import io.lanchat.protocol.ServerMessage;
import io.netty.channel.EventLoop;
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
 * <p>This class is the conversation's face to the transport, the library, the registry and its {@link Reply}; the
 * work is done by its parts: {@link ChatRequests} answers the client's requests, {@link ConnectionHandover} follows
 * connections coming and going, {@link CurrentReply} holds the reply in flight until it ends, {@link TurnRecorder}
 * records the history, {@link ClientAttachment} knows the connection attached now.
 *
 * <p>Confined to one event loop (the one its Ollama streams run on): call every method through
 * {@link #execute(Runnable)}. Its parts are confined with it: they are reached only through its methods.
 */
public final class Conversation {
    private static final Logger log = LoggerFactory.getLogger(Conversation.class);

    private final String sessionId;
    private final ChatServices services;
    private final EventLoop loop;
    private final ClientAttachment client;
    /** Resumes on their way to this conversation's loop; while any is, the conversation stays registered. */
    private final AtomicInteger resumeClaims = new AtomicInteger();
    private final TurnRecorder recorder;
    private final CurrentReply current;
    private final ChatRequests requests;
    private final ConversationRoom room;
    private final VersionRequests versions;
    private final ConnectionHandover connections;
    private final Audiences audiences;

    Conversation(String sessionId, ChatServices services, EventLoop loop, Conversations registry) {
        this.sessionId = sessionId;
        this.services = services;
        this.loop = loop;
        this.client = new ClientAttachment(loop, this::ownerPresenceChanged);
        this.audiences = registry.audiences();
        this.recorder = new TurnRecorder(this, services);
        this.current = new CurrentReply(this, registry, recorder, client);
        this.requests = new ChatRequests(this, services, current, recorder, client);
        this.room = new ConversationRoom(this, new RoomRequests(this, requests, services, current, recorder));
        this.versions = new VersionRequests(this, services, requests, recorder);
        this.connections = new ConnectionHandover(this, services, registry, current, recorder, client);
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

    // Connections coming and going: see ConnectionHandover.

    /** A connection takes this conversation; one that held it before is told it was displaced. */
    public void attach(ClientSink newSink) {
        connections.attach(newSink);
    }

    /**
     * A connection resumes this session (claimed with {@link Conversations#claimForResume}): it gets the history
     * and the reply in flight from where it left off.
     */
    public void resume(ClientSink newSink, ResumeRequest request) {
        connections.resume(newSink, request);
    }

    /**
     * A connection opens (or creates) this conversation: it gets the conversation, its history and the reply in
     * flight, live.
     */
    public void open(ClientSink newSink, String requestId, String replyId, Long lastSeq) {
        connections.open(newSink, requestId, replyId, lastSeq);
    }

    /**
     * The connection went away. A reply in flight goes on for the grace period, waiting for a resume; without one
     * the conversation leaves memory (its history stays in the session store until it expires).
     */
    public void detach(ClientSink oldSink) {
        connections.detach(oldSink);
    }

    /**
     * The connection moved on to another conversation: unlike a dropped connection, a reply in flight is not
     * waiting for anyone to come back, it runs to its end and is saved (the owner finds it when they return).
     */
    public void leave(ClientSink oldSink) {
        connections.leave(oldSink);
    }

    /**
     * The conversation was deleted: its reply stops (and is not recorded), its connection moves on to a new one.
     * The session is removed from memory by whoever deleted it.
     */
    public void deleted() {
        connections.deleted();
    }

    /** Like {@link #detach}, for the throwaway session of a connection that resumed another one. */
    public void abandon(ClientSink oldSink) {
        connections.abandon(oldSink);
    }

    /** See {@link ConnectionHandover#nextAfter}; kept here for the tests that call it. */
    static long nextAfter(long lastSeq, long count) {
        return ConnectionHandover.nextAfter(lastSeq, count);
    }

    // The client's requests: see ChatRequests.

    public void chat(ChatRequest request) {
        requests.chat(request);
    }

    /** This conversation as its room sees it (members, their messages, the owner's presence). */
    public ConversationRoom room() {
        return room;
    }

    public void retry(RetryRequest request) {
        requests.retry(request);
    }

    // Versions of messages: see VersionRequests.

    public void regenerate(RegenerateRequest request) {
        versions.regenerate(request);
    }

    public void edit(EditRequest request) {
        versions.edit(request);
    }

    public void switchVersion(SwitchVersionRequest request) {
        versions.switchVersion(request);
    }

    public void cancel(CancelRequest request) {
        requests.cancel(request);
    }

    /** The user starts over: a reply in flight stops (kept in this conversation as stopped). */
    public void stopForReset() {
        requests.stopForReset();
    }

    public void listModels(String requestId) {
        requests.listModels(requestId);
    }

    /** Refuses a chat for a reason of policy (e.g. rate limits) but keeps its text for a retry. */
    public void refuse(ChatRequest request, ErrorCode code, String message) {
        requests.refuse(request, code, message);
    }

    /** The client can take more: the reply being delivered goes on. */
    public void writable() {
        Reply delivering = current.get();
        if (delivering != null) {
            delivering.deliverMore();
        }
    }

    public void error(String requestId, ErrorCode code, String message, boolean retryable) {
        services.metrics().error(code);
        send(new ErrorMessage(requestId, code, message, retryable));
        flush();
    }

    // The reply in flight: see CurrentReply. Reply calls back here, on the event loop.

    /** The reply was generated and its last frame reached the client, or nobody is attached to take it. */
    void finish(Reply finished) {
        current.finish(finished);
        loop().execute(this::nextInRoom);      // after the reply is recorded and its watchers settled
    }

    /** The room's reply ended: the next member's message waiting, if any, starts. */
    void nextInRoom() {
        room.next();
    }

    void failed(Reply failed) {
        current.failed(failed);
        loop().execute(this::nextInRoom);
    }

    /** The shutdown grace is over: the reply still running stops with one final frame (see {@link CurrentReply}). */
    void stopForShutdown() {
        current.stopForShutdown();
    }

    /** Whether a reply is queued or being written in this conversation now. Any thread. */
    public boolean streaming() {
        return current.streaming();
    }

    boolean isCurrent(Reply candidate) {
        return current.isCurrent(candidate);
    }

    boolean isAttached() {
        return client.isAttached();
    }

    void send(ServerMessage message) {
        client.send(message);
    }

    void flush() {
        client.flush();
    }

    /** What a reply's delivery sees of this conversation: its attached client. */
    DeliveryTarget deliveryTarget() {
        return client;
    }

    /** Who watches conversations (share links' viewers): a reply streams to this one's too. */
    Audiences audiences() {
        return audiences;
    }

    EventLoop loop() {
        return loop;
    }

    ChatServices services() {
        return services;
    }

    String shortId() {
        return sessionId.substring(0, Math.min(8, sessionId.length()));
    }

    static Logger log() {
        return log;
    }

    // Resumes claimed through the registry, from any thread.

    void resumeClaimed() {
        resumeClaims.incrementAndGet();
    }

    void claimUsed() {
        resumeClaims.updateAndGet(n -> Math.max(0, n - 1));
    }

    boolean hasClaims() {
        return resumeClaims.get() > 0 || room.isHeld();
    }

    /** Whether the owner has this conversation open now. Any thread. */
    boolean ownerAttached() {
        return client.present();
    }

    private void ownerPresenceChanged(boolean present) {
        room.ownerPresenceChanged(present);
    }

    /** A room member left (on the loop): see {@link ConnectionHandover#roomLeft}. */
    void roomLeft() {
        connections.roomLeft();
    }
}
