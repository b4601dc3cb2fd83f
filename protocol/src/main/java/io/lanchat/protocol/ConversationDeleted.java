package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * Answers {@code delete}: the conversation is gone from the server and its store. When it was the one this
 * connection had open, a {@code cleared} frame follows with the new, empty conversation the connection now has.
 *
 * @param id             the id of the request
 * @param conversationId the conversation deleted
 */
public record ConversationDeleted(String id, String conversationId) implements ServerMessage {
    public ConversationDeleted {
        requireNonNull(conversationId, "conversationId");
    }
}
