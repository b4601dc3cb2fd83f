package io.lanchat.protocol;

/**
 * Replaces the settings of one of this owner's conversations; they apply from its next message.
 *
 * @param id      client-chosen request id, echoed by the answer; optional
 * @param conversationId the conversation
 * @param settings       the new settings (a null field is the server's default)
 */
public record UpdateSettingsRequest(String id, String conversationId, ConversationSettings settings) implements ClientMessage {
    public UpdateSettingsRequest {
        Ids.checkId(id);
        conversationId = Titles.checkConversationId(conversationId);
        if (settings == null) {
            throw new IllegalArgumentException("settings is required");
        }
    }
}
