package io.lanchat.server.chat;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.BranchShown;
import io.lanchat.server.session.Branching;
import io.lanchat.server.session.Role;
import io.lanchat.server.session.Session;
import io.lanchat.server.session.SessionRecords;
import io.lanchat.server.session.Turn;
import io.lanchat.server.store.MessageState;
import io.lanchat.server.store.StoredMessage;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Records one conversation's finished steps: in the session (memory) at once, and in the durable store once per
 * step, never per token: the user's message before it goes to Ollama, each ended reply, and every few seconds the
 * text of a long reply still being written (what a crash leaves, marked interrupted). When a save fails the client
 * hears it once (chatting goes on; the store retries), and again only after a save has succeeded meanwhile.
 *
 * <p>Confined to the conversation's event loop; store futures complete elsewhere and hop back.
 */
final class TurnRecorder {
    /** How often the text of a reply still being written is saved. */
    static final long PARTIAL_SAVE_MILLIS = 5_000;

    private final Conversation conversation;
    private final ChatServices services;
    private boolean failureTold;
    private ScheduledFuture<?> partialTimer;
    private int partialSaved;
    /** The message number the text of the reply in flight was saved under; -1 while none was. */
    private int partialSeq = -1;

    TurnRecorder(Conversation conversation, ChatServices services) {
        this.conversation = conversation;
        this.services = services;
    }

    /** Saves the pending message, then runs {@code next} on the loop whether the save worked or not. */
    void savePendingThen(String requestId, Runnable next) {
        Session session = session().orElse(null);
        if (session == null || !services.saver().persistent()) {
            next.run();
            return;
        }
        services.saver().savePending(session).whenComplete((ok, failure) -> conversation.execute(() -> {
            noteOutcome(requestId, ok, failure);
            next.run();
        }));
    }

    /** Saves the pending message without waiting (a refused chat keeps its text across a crash too). */
    void savePending(String requestId) {
        session().ifPresent(s -> watch(requestId, services.saver().savePending(s)));
    }

    /**
     * Records an ended reply (finished, or stopped with what reached the user): a chat's as the next exchange, a
     * regenerate's or an edit's as a new version (see {@link VersionRequests}).
     */
    void record(Reply ended, Turn replyTurn) {
        if (ended.versionOf() < 0) {
            recordExchange(ended.requestId, ended.question.userTurn(), replyTurn);
        } else {
            recordVersion(ended.requestId, ended.versionOf(), ended.question.versionTail(replyTurn));
        }
    }

    /**
     * Shows {@code tail} as the newest version of message {@code fromSeq}, keeping the branch it replaces, saves
     * that and tells the client what is shown now. Nothing when the session is gone (deleted).
     */
    private void recordVersion(String requestId, int fromSeq, List<Turn> tail) {
        stopPartialSaves();
        Session[] whole = {null};
        Optional<Session> updated = services.sessions().update(conversation.sessionId(),
                s -> Branching.holds(s, fromSeq) ? whole[0] = Branching.withNewVersion(s, fromSeq, tail) : s);
        updated.ifPresent(s -> {
            if (whole[0] != null) {
                saveFrom(requestId, whole[0], fromSeq);
            } else {
                // The memory budget dropped the message meanwhile (live conversations fill it): nothing to attach to.
                Conversation.log().warn("session {}: a new version of message {} was dropped: the message is no"
                        + " longer held", conversation.shortId(), fromSeq);
            }
            showBranch(requestId, s);
        });
    }

    /** Tells the attached client (if any) which branch is shown now. */
    void showBranch(String requestId, Session session) {
        conversation.send(new BranchShown(requestId, session.id(), SessionRecords.history(session),
                session.pending()));
        conversation.flush();
    }

    /**
     * Saves the session from message {@code fromSeq} on (a new version, or another one shown). Pass the session as
     * the change made it, before the memory budget trimmed it: the store must get every message from there on.
     */
    void saveFrom(String requestId, Session session, int fromSeq) {
        watch(requestId, services.saver().saveFrom(session, fromSeq));
    }

    /** Appends a finished exchange to the session and saves it; nothing when the session is gone (deleted). */
    private void recordExchange(String requestId, Turn user, Turn reply) {
        stopPartialSaves();
        services.sessions().recordExchange(conversation.sessionId(), user, reply)
                .ifPresent(s -> watch(requestId, services.saver().saveLastExchange(s)));
    }

    /** Appends a message that gets no reply (a room member's, not addressed to the model) and saves it. */
    void recordMessage(String requestId, Turn message) {
        services.sessions().recordMessage(conversation.sessionId(), message)
                .ifPresent(s -> watch(requestId, services.saver().saveLastMessage(s)));
    }

    /** Saves the conversation's row (a new title or settings). */
    CompletableFuture<Boolean> saveRecord(Session session) {
        return services.saver().saveRecord(session);
    }

    /** While {@code reply} is written, saves its text every few seconds, so a crash leaves what it had. */
    void startPartialSaves(Reply reply) {
        stopPartialSaves();
        // A new version lands whole when it ends: a partial save would write it after the branch it replaces.
        if (!services.saver().persistent() || reply.versionOf() >= 0) {
            return;
        }
        partialSaved = 0;
        partialSeq = -1;
        partialTimer = conversation.loop().scheduleAtFixedRate(() -> savePartial(reply), PARTIAL_SAVE_MILLIS,
                PARTIAL_SAVE_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stopPartialSaves() {
        if (partialTimer != null) {
            partialTimer.cancel(false);
            partialTimer = null;
        }
    }

    private void savePartial(Reply reply) {
        if (!conversation.isCurrent(reply) || reply.generated()) {
            stopPartialSaves();
            return;
        }
        String text = reply.text();
        String thinking = reply.thinking();
        Session session = session().orElse(null);
        if (session == null || text.length() + thinking.length() == partialSaved) {
            return;
        }
        partialSaved = text.length() + thinking.length();
        partialSeq = session.nextSeq() + 1;
        StoredMessage partial = new StoredMessage(partialSeq, Role.ASSISTANT.wireName(), text,
                MessageState.INTERRUPTED, reply.model(), null, Instant.now(), thinking);
        watch(reply.requestId, services.saver().savePartial(session, partial));
    }

    /**
     * The reply in flight failed or was stopped by the shutdown: the text saved of it goes, so the stored question
     * waits for a retry as the user was told (a fragment after it would read as its answer after a restart).
     */
    void discardPartial() {
        stopPartialSaves();
        int seq = partialSeq;
        partialSeq = -1;
        if (seq >= 0) {
            session().ifPresent(s -> services.saver().discardFrom(s, seq));
        }
    }

    private void watch(String requestId, CompletableFuture<Boolean> save) {
        save.whenComplete((ok, failure) -> conversation.execute(() -> noteOutcome(requestId, ok, failure)));
    }

    private void noteOutcome(String requestId, Boolean ok, Throwable failure) {
        if (failure == null) {
            failureTold = false;
            return;
        }
        if (!failureTold) {
            failureTold = true;
            // Without the request's id: the chat itself goes on, this is a notice, not its failure.
            conversation.error(null, ErrorCode.NOT_SAVED, "Your conversation could not be saved just now"
                    + " (the server's storage is failing). Chatting goes on, and the server saves it once its"
                    + " storage is back.", false);
        }
    }

    private Optional<Session> session() {
        return services.sessions().find(conversation.sessionId());
    }
}
