package io.lanchat.protocol;

/**
 * Lists the active share links of one of this owner's conversations. Answered by {@code shares}.
 *
 * @param id             client-chosen request id, echoed by the answer; optional
 * @param conversationId the conversation
 */
public record ListSharesRequest(String id, String conversationId) implements ClientMessage {
    public ListSharesRequest {
        Ids.checkId(id);
        conversationId = Titles.checkConversationId(conversationId);
    }
}
