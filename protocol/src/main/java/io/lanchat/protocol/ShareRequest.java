package io.lanchat.protocol;

/**
 * Shares one of this owner's conversations as a read-only link. Answered by {@code shared}, which carries the link's
 * token (shown this once: the server keeps only a hash of it).
 *
 * @param id             client-chosen request id, echoed by the answer; optional
 * @param conversationId the conversation to share
 * @param live           false: a snapshot of the messages as they are now; true: viewers also see new messages, and
 *                       replies as they stream
 */
public record ShareRequest(String id, String conversationId, boolean live) implements ClientMessage {
    public ShareRequest {
        Ids.checkId(id);
        conversationId = Titles.checkConversationId(conversationId);
    }
}
