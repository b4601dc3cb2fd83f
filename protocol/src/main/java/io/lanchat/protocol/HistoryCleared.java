package io.lanchat.protocol;

/**
 * Answers {@code reset}, or follows {@code deleted} when the deleted conversation was the open one: this connection
 * now carries a new, empty conversation (the system prompt, if any, stays). The conversation left behind is kept
 * and listed (unless it was deleted).
 *
 * @param id           the id of the request
 * @param sessionId    the new conversation's id (this connection's session); null from an older server, which
 *                     emptied the conversation in place
 * @param resumeSecret with {@code sessionId}, resumes the new conversation; null from an older server
 */
public record HistoryCleared(String id, String sessionId, String resumeSecret) implements ServerMessage {
    /** A cleared frame from a server that empties the conversation in place. */
    public HistoryCleared(String id) {
        this(id, null, null);
    }
}
