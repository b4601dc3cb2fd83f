package io.lanchat.protocol;

/**
 * Switches this connection to one of this owner's conversations; the answer is {@code opened} with its history. A reply streaming in the conversation left behind goes on and is saved there.
 *
 * @param id      client-chosen request id, echoed by the answer; optional
 * @param conversationId the conversation to open
 * @param replyId        as in {@code resume}: the reply the client was showing in it, to continue it after {@code lastSeq}
 * @param lastSeq        the last token {@code seq} the client has of that reply; null to get the reply from its start
 */
public record OpenConversationRequest(String id, String conversationId, String replyId, Long lastSeq) implements ClientMessage {
    public OpenConversationRequest {
        Ids.checkId(id);
        conversationId = Titles.checkConversationId(conversationId);
        replyId = Ids.checkId(replyId);
        if (lastSeq != null && lastSeq < -1) {
            throw new IllegalArgumentException("lastSeq must be -1 or more");
        }
    }
}
