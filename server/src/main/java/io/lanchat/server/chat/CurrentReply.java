package io.lanchat.server.chat;

import io.lanchat.protocol.ErrorCode;

/**
 * A conversation's reply in flight, at most one, from its start to its end: finished (it joins the history),
 * failed, or stopped (by the user, a grace period running out, a delete, or the server's shutdown). While one is
 * in flight it counts in the registry's replies in flight and its text is saved every few seconds; once it has
 * ended and no connection is attached, the conversation leaves memory.
 *
 * <p>Confined to the conversation's event loop, except {@link #streaming()}.
 */
final class CurrentReply {
    private final Conversation conversation;
    private final Conversations registry;
    private final TurnRecorder recorder;
    private final ClientAttachment client;
    private Reply reply;
    /** Read from other threads (lists mark conversations with a reply being written). */
    private volatile boolean streaming;

    CurrentReply(Conversation conversation, Conversations registry, TurnRecorder recorder, ClientAttachment client) {
        this.conversation = conversation;
        this.registry = registry;
        this.recorder = recorder;
        this.client = client;
    }

    /** The reply queued, being written or being delivered; null when there is none. */
    Reply get() {
        return reply;
    }

    boolean isCurrent(Reply candidate) {
        return reply == candidate;
    }

    /** Whether a reply is queued or being written now. Any thread. */
    boolean streaming() {
        return streaming;
    }

    /** {@code next} is the reply in flight now: its text is saved as it grows, and it joins the queue. */
    void start(Reply next) {
        set(next);
        recorder.startPartialSaves(next);
        next.enqueue();
    }

    /** Stops the reply in flight (there must be one) and returns it: it no longer counts, its stream is cancelled. */
    Reply cancel() {
        Reply stopped = reply;
        set(null);
        stopped.cancelStream();
        return stopped;
    }

    /**
     * The reply was generated and its last frame reached the client, or nobody is attached to take it: it joins
     * the history (where a client that resumes finds it).
     */
    void finish(Reply finished) {
        if (reply == finished) {
            set(null);
            recorder.record(finished, finished.replyTurn(false));
            leaveIfDetached();
        }
    }

    /** The reply failed (it tells the client why); the user's message stays pending for a retry. */
    void failed(Reply failed) {
        if (reply == failed) {
            set(null);
            recorder.discardPartial();
            leaveIfDetached();
        }
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
        Reply stopped = cancel();
        recorder.discardPartial();
        conversation.error(stopped.requestId, ErrorCode.SERVER_SHUTTING_DOWN, "The server is shutting down, so it"
                + " stopped this reply. Your message is kept: send it again once the server is back.", true);
        leaveIfDetached();
    }

    /** The only place the reply changes, so the registry's count of replies in flight stays exact. */
    private void set(Reply next) {
        if (reply == null && next != null) {
            registry.replyStarted();
        } else if (reply != null && next == null) {
            registry.replyEnded();
        }
        if (next == null) {
            recorder.stopPartialSaves();
        }
        if (reply != null && reply != next) {
            // After the task that ended it: by then the reply is recorded (or dropped) in the history.
            Reply ended = reply;
            conversation.loop().execute(ended::settleWatchers);
        }
        reply = next;
        streaming = next != null;
    }

    private void leaveIfDetached() {
        if (!client.isAttached()) {
            client.cancelGrace();
            registry.remove(conversation);
        }
    }
}
