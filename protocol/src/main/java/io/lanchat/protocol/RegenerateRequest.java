package io.lanchat.protocol;

/**
 * Writes the last reply of the open conversation again, as a new version of it: the old reply is kept as an
 * earlier version. Goes through the same queue and rate limits as {@code chat}; its answers are those of a chat,
 * then {@code branch}.
 *
 * @param id             client-chosen request id, echoed by every answer; optional
 * @param conversationId the open conversation, as a guard against acting on another one; optional
 * @param model          another model to write it with; optional, the model of the reply being replaced otherwise
 * @param think          thinking for this reply ({@code on}, {@code off}, or a level), as in {@code chat}; optional:
 *                       the conversation's setting otherwise
 */
public record RegenerateRequest(String id, String conversationId, String model, ThinkMode think)
        implements ClientMessage {
    public RegenerateRequest {
        Ids.checkId(id);
        conversationId = conversationId == null ? null : Titles.checkConversationId(conversationId);
        model = ChatRequest.checkModel(model);
    }

    /** A regenerate without its own thinking setting. */
    public RegenerateRequest(String id, String conversationId, String model) {
        this(id, conversationId, model, null);
    }
}
