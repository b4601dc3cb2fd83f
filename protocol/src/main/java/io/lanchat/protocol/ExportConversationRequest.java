package io.lanchat.protocol;

/**
 * Asks for one of this owner's conversations as a document: Markdown to read, JSON to import again.
 *
 * @param id      client-chosen request id, echoed by the answer; optional
 * @param conversationId the conversation
 * @param format         {@code markdown} or {@code json}
 */
public record ExportConversationRequest(String id, String conversationId, String format) implements ClientMessage {
    public ExportConversationRequest {
        Ids.checkId(id);
        conversationId = Titles.checkConversationId(conversationId);
        if (!"markdown".equals(format) && !"json".equals(format)) {
            throw new IllegalArgumentException("format must be markdown or json");
        }
    }
}
