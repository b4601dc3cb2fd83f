package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * One message of a conversation, as {@link Resumed} restores it.
 *
 * @param role      {@code user} or {@code assistant}
 * @param content   the text
 * @param cancelled true for an assistant reply that was stopped part-way
 */
public record HistoryMessage(String role, String content, boolean cancelled) {
    public HistoryMessage {
        requireNonNull(role, "role");
        requireNonNull(content, "content");
    }
}
