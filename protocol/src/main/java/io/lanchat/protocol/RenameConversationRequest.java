package io.lanchat.protocol;

/**
 * Gives one of this owner's conversations a new title.
 *
 * @param id      client-chosen request id, echoed by the answer; optional
 * @param conversationId the conversation
 * @param title          the new title, 1..200 characters without control characters
 */
public record RenameConversationRequest(String id, String conversationId, String title) implements ClientMessage {
    public RenameConversationRequest {
        Ids.checkId(id);
        conversationId = Titles.checkConversationId(conversationId);
        if (title == null) {
            throw new IllegalArgumentException("title is required");
        }
        title = Titles.checkTitle(title);
    }
}
