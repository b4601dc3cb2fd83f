package io.lanchat.protocol;

/**
 * Writes the last reply of the open conversation again, as a new version of it: the old reply is kept as an
 * earlier version. Goes through the same queue and rate limits as {@code chat}; its answers are those of a chat,
 * then {@code branch}.
 *
 * @param id             client-chosen request id, echoed by every answer; optional
 * @param conversationId the open conversation, as a guard against acting on another one; optional
 * @param model          another model to write it with; optional, the model of the reply being replaced otherwise
 */
public record RegenerateRequest(String id, String conversationId, String model) implements ClientMessage {
    public RegenerateRequest {
        Ids.checkId(id);
        conversationId = conversationId == null ? null : Titles.checkConversationId(conversationId);
        model = ChatRequest.checkModel(model);
    }
}
