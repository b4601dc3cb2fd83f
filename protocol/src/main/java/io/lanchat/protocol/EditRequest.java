package io.lanchat.protocol;

/**
 * Sends a new version of one of the open conversation's user messages, with new text, and writes a reply to it:
 * the message's old version and everything after it are kept as an earlier version (nothing is dropped). Goes
 * through the same queue and rate limits as {@code chat}; its answers are those of a chat, then {@code branch}.
 *
 * @param id             client-chosen request id, echoed by every answer; optional
 * @param conversationId the open conversation, as a guard against acting on another one; optional
 * @param seq            the number of the user message to edit ({@code seq} of a history message)
 * @param text           the new text; must not be blank
 * @param model          the model to reply with; optional, the conversation's model otherwise
 * @param think          thinking for the reply ({@code on}, {@code off}, or a level), as in {@code chat}; optional:
 *                       the conversation's setting otherwise
 */
public record EditRequest(String id, String conversationId, Integer seq, String text, String model, ThinkMode think)
        implements ClientMessage {

    /** An edit without its own thinking setting. */
    public EditRequest(String id, String conversationId, Integer seq, String text, String model) {
        this(id, conversationId, seq, text, model, null);
    }

    public EditRequest {
        Ids.checkId(id);
        conversationId = conversationId == null ? null : Titles.checkConversationId(conversationId);
        if (seq == null) {
            throw new IllegalArgumentException("seq is required");
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be 0 or more");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
        model = ChatRequest.checkModel(model);
    }
}
