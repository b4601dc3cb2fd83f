package io.lanchat.server.chat;

import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ReplyInProgress;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.Resumed;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.server.session.Session;
import io.lanchat.server.session.SessionRecords;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The connection side of a {@link Conversation}: connections come and go, and the reply in flight follows. A
 * connection that takes the conversation over (resume, open) gets its history and the reply replayed from where it
 * left off; when the last one drops, the reply goes on for the resume grace period; when it moves on to another
 * conversation, the reply runs to its end; when the conversation is deleted, the reply stops and the connection
 * moves on. Without a reply nor a connection the conversation leaves memory (its history stays in the store).
 *
 * <p>Confined to the conversation's event loop: reached only through the conversation's methods.
 */
final class ConnectionHandover {
    private final Conversation conversation;
    private final ChatServices services;
    private final Conversations registry;
    private final CurrentReply current;
    private final TurnRecorder recorder;
    private final ClientAttachment client;

    ConnectionHandover(Conversation conversation, ChatServices services, Conversations registry,
                       CurrentReply current, TurnRecorder recorder, ClientAttachment client) {
        this.conversation = conversation;
        this.services = services;
        this.registry = registry;
        this.current = current;
        this.recorder = recorder;
        this.client = client;
    }

    void attach(ClientSink newSink) {
        client.attach(newSink, sessionId());
    }

    void resume(ClientSink newSink, ResumeRequest request) {
        takeOver(newSink, request.replyId(), request.lastSeq(), (session, progress) -> new Resumed(request.id(),
                sessionId(), session == null ? List.of() : SessionRecords.history(session),
                session == null ? null : pending(session), progress));
    }

    void open(ClientSink newSink, String requestId, String replyId, Long lastSeq) {
        // A session is gone only when the conversation was deleted between the lookup and this task.
        takeOver(newSink, replyId, lastSeq, (session, progress) -> session == null
                ? ConversationErrors.notFound(requestId)
                : new ConversationOpened(requestId, SessionRecords.summary(session, current.streaming()),
                        session.info().settings(), session.secret(), SessionRecords.history(session),
                        pending(session), progress));
    }

    /**
     * The message not in the history that the client should show: none while a regenerate or edit is written (its
     * reply answers the history's own question or the edit's text; a message waiting for retry is in the branch
     * it replaces, and comes back with it).
     */
    private String pending(Session session) {
        Reply inFlight = current.get();
        return inFlight != null && inFlight.versionOf() >= 0 ? null : session.pending();
    }

    /** Attaches the connection (claimed with {@link Conversations#claimForResume}) and replays the reply in flight. */
    private void takeOver(ClientSink newSink, String replyId, Long lastSeq,
                          BiFunction<Session, ReplyInProgress, ServerMessage> answer) {
        conversation.claimUsed();
        client.attach(newSink, sessionId());
        Session session = services.sessions().find(sessionId()).orElse(null);
        Reply reply = current.get();
        ReplyInProgress progress = null;
        long from = 0;
        if (reply != null) {
            boolean same = reply.requestId == null ? replyId == null : reply.requestId.equals(replyId);
            from = same && lastSeq != null ? nextAfter(lastSeq, reply.deltaCount()) : 0;
            progress = new ReplyInProgress(reply.requestId, reply.model(), from);
        }
        conversation.send(answer.apply(session, progress));
        // Read afresh after the send rather than assume the frame's way through the client's pipeline left it be.
        reply = current.get();
        if (reply != null) {
            reply.reannounceQueuePosition();
            reply.replayFrom(from);
        }
        conversation.flush();
        Conversation.log().debug("session {} taken over (reply from seq {})", conversation.shortId(), from);
    }

    /** The delta after {@code lastSeq}, at most {@code count}; safe for any {@code lastSeq} a client sends. */
    static long nextAfter(long lastSeq, long count) {
        return lastSeq >= count - 1 ? count : Math.max(0, lastSeq + 1);
    }

    void detach(ClientSink oldSink) {
        if (!client.detach(oldSink)) {
            return;             // already taken over by another connection
        }
        Reply reply = current.get();
        if (reply != null && reply.generated()) {
            current.finish(reply);     // complete, only not all delivered: a resume finds it in the history
            return;
        }
        if (reply == null) {
            registry.remove(conversation);
            return;
        }
        if (conversation.room().isHeld()) {
            return;         // the room's members follow the reply: it runs to its end
        }
        client.startGrace(services.resumeGrace(), this::graceOver);
    }

    /**
     * A room member left. With no member and no connection left, the conversation leaves memory; a reply still
     * being written gets the grace period, as after a drop, then stops (nobody would read it).
     */
    void roomLeft() {
        if (conversation.room().isHeld() || client.isAttached()) {
            return;
        }
        if (current.get() == null) {
            registry.remove(conversation);
        } else {
            client.startGrace(services.resumeGrace(), this::graceOver);
        }
    }

    void leave(ClientSink oldSink) {
        if (!client.detach(oldSink)) {
            return;
        }
        Reply reply = current.get();
        if (reply != null && reply.generated()) {
            current.finish(reply);
        } else if (reply == null) {
            registry.remove(conversation);
        }
    }

    void deleted() {
        if (current.get() != null) {
            current.cancel();
        }
        client.cancelGrace();
        client.goneFromUnder(sessionId());
        registry.remove(conversation);
    }

    void abandon(ClientSink oldSink) {
        detach(oldSink);
        if (current.get() == null
                && services.sessions().find(sessionId()).map(s -> s.turns().isEmpty()).orElse(true)) {
            services.sessions().remove(sessionId());
        }
    }

    /** Nobody resumed in time: the reply stops, and the history keeps what it had, marked as cancelled. */
    private void graceOver() {
        if (current.get() == null || conversation.room().isHeld()) {
            return;
        }
        Conversation.log().info("session {}: nobody resumed within {}; cancelling the reply to free the GPU",
                conversation.shortId(), services.resumeGrace());
        Reply left = current.cancel();
        recorder.record(left, left.replyTurn(true));
        registry.remove(conversation);
    }

    private String sessionId() {
        return conversation.sessionId();
    }
}
