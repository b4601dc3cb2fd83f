package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * The reply was stopped (by a cancel or a reset); the partial text stays in the conversation,
 * marked as cancelled.
 *
 * @param id          the id of the chat or retry request whose reply stopped
 * @param partialText the text delivered before it stopped
 */
public record ReplyCancelled(String id, String partialText) implements ServerMessage {
    public ReplyCancelled {
        requireNonNull(partialText, "partialText");
    }
}
