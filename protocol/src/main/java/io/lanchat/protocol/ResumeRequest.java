package io.lanchat.protocol;

/**
 * Takes this connection back to an earlier session after a reconnect, with its history and the reply that was
 * streaming. Answered by {@link Resumed}, or by an error {@code resume_failed} (the connection then keeps the new
 * session it was given in {@code hello}).
 *
 * @param id        client-chosen request id; optional
 * @param sessionId the session id from the earlier {@code hello}
 * @param secret    the resume secret from the earlier {@code hello}
 * @param replyId   the id of the chat whose reply was streaming when the connection dropped; optional
 * @param lastSeq   the {@code seq} of the last token received of that reply; optional (all tokens are resent)
 */
public record ResumeRequest(String id, String sessionId, String secret, String replyId, Long lastSeq)
        implements ClientMessage {
    static final int MAX_TOKEN_LENGTH = 128;

    public ResumeRequest {
        Ids.checkId(id);
        if (sessionId == null || secret == null) {
            throw new IllegalArgumentException("sessionId and secret are required");
        }
        if (sessionId.isEmpty() || sessionId.length() > MAX_TOKEN_LENGTH || secret.isEmpty()
                || secret.length() > MAX_TOKEN_LENGTH
                || (sessionId + secret).chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("sessionId and secret must be 1.." + MAX_TOKEN_LENGTH
                    + " characters without control characters");
        }
        Ids.checkId(replyId);
        if (lastSeq != null && lastSeq < -1) {
            throw new IllegalArgumentException("lastSeq must be -1 or more");
        }
    }
}
