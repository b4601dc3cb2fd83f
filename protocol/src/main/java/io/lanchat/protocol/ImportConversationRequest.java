package io.lanchat.protocol;

/**
 * Stores a conversation from a JSON export (this server's or another's) as a new conversation of this owner.
 *
 * @param id      client-chosen request id, echoed by the answer; optional
 * @param content the JSON document exactly as {@code exported} gave it, as a string
 */
public record ImportConversationRequest(String id, String content) implements ClientMessage {
    public ImportConversationRequest {
        Ids.checkId(id);
        if (content == null || content.isBlank()) {
            throw new IllegalArgumentException("content is required: the JSON text of an export");
        }
    }
}
