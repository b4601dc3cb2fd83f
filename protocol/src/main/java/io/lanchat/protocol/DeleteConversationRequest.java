package io.lanchat.protocol;

/**
 * Deletes one of this owner's conversations for good (a reply streaming in it is stopped).
 *
 * @param id      client-chosen request id, echoed by the answer; optional
 * @param conversationId the conversation
 */
public record DeleteConversationRequest(String id, String conversationId) implements ClientMessage {
    public DeleteConversationRequest {
        Ids.checkId(id);
        conversationId = Titles.checkConversationId(conversationId);
    }
}
