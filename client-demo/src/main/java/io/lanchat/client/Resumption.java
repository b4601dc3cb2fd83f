package io.lanchat.client;

import io.lanchat.protocol.Hello;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ReplyInProgress;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.Resumed;
import io.lanchat.protocol.ThinkingDelta;
import io.lanchat.protocol.TokenDelta;
import java.util.List;
import java.util.Objects;

/**
 * The client's half of resuming a session after a reconnect ("The client algorithm" in the protocol README): it
 * keeps the session id and resume secret from the first {@code hello}, and which reply is being received and up to
 * which token ({@code watching}), so that the next connection can ask for exactly the tokens it missed.
 *
 * <p>Use it like this: pass every {@code hello} to {@link #connected}, and send the request it returns (if any)
 * before anything else; call {@link #watch} when sending a {@code chat} or {@code retry}, {@link #accept} for every
 * token, and {@link #unwatch} when the reply ends; pass the answer to the resume to {@link #resumed} or
 * {@link #failed}; and when the connection switches to another conversation ({@code opened}, or {@code cleared}
 * with a new session), pass its id and secret to {@link #switched}: from then on that conversation is the one to
 * resume. Not thread-safe: owned by one session's thread.
 */
final class Resumption {

    /** What became of the message that was in flight when the connection dropped, as {@code resumed} tells. */
    enum Fate {
        /** Its reply is still being written: the tokens from {@code reply.nextSeq} follow. */
        STREAMING,
        /** Its reply ended while the client was away: it is the last message of {@code history}. */
        ANSWERED,
        /** Its reply failed while the client was away: the server keeps the message for {@code retry}. */
        KEPT_FOR_RETRY,
        /** The server never got it (the connection dropped as it was sent): send it again. */
        NEVER_ARRIVED
    }

    private String sessionId;       // the session to resume, from the first hello; null before it
    private String secret;
    private String conversation;    // the conversation this connection carries (its session id), or null
    private Hello latest;           // the newest hello: its session is ours if resuming fails
    private String resumeId;        // the id of the resume awaiting its answer, or null
    private boolean watching;       // a chat or retry is on its way: from sending it until its reply ends
    private String watchedId;
    private long lastSeq = -1;      // the seq of the last token of that reply received

    /**
     * A connection said hello.
     *
     * @param requestId the id to give a resume request
     * @return the {@code resume} to send before anything else, or null when there is nothing to resume (the first
     *         connection) or the server cannot resume (a {@code hello} without a secret); then this connection's
     *         session is the one to keep
     */
    ResumeRequest connected(Hello hello, String requestId) {
        latest = hello;
        if (sessionId == null || hello.resumeSecret() == null) {
            adoptLatest();
            return null;
        }
        resumeId = requestId;
        return new ResumeRequest(requestId, sessionId, secret, watching ? watchedId : null,
                watching ? lastSeq : null);
    }

    /** True while a resume awaits its answer: send nothing else meanwhile. */
    boolean resuming() {
        return resumeId != null;
    }

    /** Whether a frame with this request id answers the resume in flight. */
    boolean answersResume(String requestId) {
        return resumeId != null && resumeId.equals(requestId);
    }

    /** A chat or retry with this id was sent: its reply is now the one being received. */
    void watch(String requestId) {
        watching = true;
        watchedId = requestId;
        lastSeq = -1;
    }

    /** The reply being received ended (done, cancelled or error). */
    void unwatch() {
        watching = false;
        watchedId = null;
        lastSeq = -1;
    }

    /**
     * A token arrived.
     *
     * @return true when it is the next piece of the reply being received; false for another request's token or one
     *         already received (the server sends none twice, but a client should not print one twice either)
     */
    boolean accept(TokenDelta token) {
        return accept(token.id(), token.seq());
    }

    /** A piece of reasoning arrived: numbered with the tokens, so {@link #accept(TokenDelta)}'s rules apply. */
    boolean accept(ThinkingDelta thinking) {
        return accept(thinking.id(), thinking.seq());
    }

    private boolean accept(String id, long seq) {
        if (!watching || !Objects.equals(watchedId, id) || seq <= lastSeq) {
            return false;
        }
        lastSeq = seq;
        return true;
    }

    /** The resume succeeded: the session is ours again, and the reply in flight (if any) continues from nextSeq. */
    void resumed(Resumed resumed) {
        resumeId = null;
        conversation = resumed.sessionId();
        follow(resumed.reply());
    }

    /**
     * The connection now carries another conversation: resume that one after a drop, with its own secret.
     *
     * @param conversationId the conversation's id, which is the connection's new session id
     * @param resumeSecret   its resume secret; null from a server that cannot resume (nothing to resume then)
     * @param reply          the reply streaming in it, whose tokens follow from {@code nextSeq}; or null
     */
    void switched(String conversationId, String resumeSecret, ReplyInProgress reply) {
        conversation = conversationId;
        sessionId = resumeSecret == null ? null : conversationId;
        secret = resumeSecret;
        follow(reply);
    }

    /** The id of the conversation this connection carries, or null before the first hello. */
    String conversationId() {
        return conversation;
    }

    private void follow(ReplyInProgress reply) {
        if (reply != null) {
            watching = true;
            watchedId = reply.id();
            lastSeq = reply.nextSeq() - 1;
        } else {
            unwatch();
        }
    }

    /**
     * The resume was refused ({@code resume_failed}: the session expired or the server restarted): this connection's
     * new session from its {@code hello} is the one to keep, and nothing of the old one is coming.
     */
    void failed() {
        resumeId = null;
        adoptLatest();
        unwatch();
    }

    private void adoptLatest() {
        conversation = latest.sessionId();
        sessionId = latest.resumeSecret() == null ? null : latest.sessionId();
        secret = latest.resumeSecret();
    }

    /**
     * What became of a message in flight when the connection dropped.
     *
     * @param sentText the text of the chat (or the retried message) in flight
     */
    static Fate fateOf(String sentText, Resumed resumed) {
        if (resumed.reply() != null) {
            return Fate.STREAMING;
        }
        if (sentText.equals(resumed.pending())) {
            return Fate.KEPT_FOR_RETRY;
        }
        // History messages carry no request id: if the same text was sent twice in a row, this cannot tell the
        // second from the first. The answer is then to the same question, which is the better error to make.
        List<HistoryMessage> history = resumed.history();
        int n = history.size();
        if (n >= 2 && history.get(n - 1).role().equals("assistant") && history.get(n - 2).role().equals("user")
                && history.get(n - 2).content().equals(sentText)) {
            return Fate.ANSWERED;
        }
        return Fate.NEVER_ARRIVED;
    }

    /** The reply that ended while the client was away: the last message of the history (see {@link Fate#ANSWERED}). */
    static HistoryMessage answer(Resumed resumed) {
        return resumed.history().get(resumed.history().size() - 1);
    }
}
