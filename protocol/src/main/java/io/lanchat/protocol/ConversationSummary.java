package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * One conversation as lists show it.
 *
 * @param id        the conversation's id (also the {@code sessionId} of a connection that has it open)
 * @param title     its title: from the first message, until renamed
 * @param model     the model of its settings, or of its last reply; null when neither is known
 * @param createdAt when it was created (ISO-8601, UTC)
 * @param updatedAt when it last changed (ISO-8601, UTC); lists are ordered by this, newest first
 * @param messages  how many messages it holds (user and assistant)
 * @param streaming true while a reply is being written in it on this server
 * @param room      true when it is open as a room (an invite that still lets people in); absent otherwise, and
 *                  in frames other than {@code conversations}
 */
public record ConversationSummary(String id, String title, String model, String createdAt, String updatedAt,
                                  int messages, boolean streaming, Boolean room) {
    public ConversationSummary {
        requireNonNull(id, "id");
        requireNonNull(title, "title");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(updatedAt, "updatedAt");
        room = Boolean.TRUE.equals(room) ? Boolean.TRUE : null;
    }

    /** A conversation as lists show it, not marked as a room. */
    public ConversationSummary(String id, String title, String model, String createdAt, String updatedAt,
                               int messages, boolean streaming) {
        this(id, title, model, createdAt, updatedAt, messages, streaming, null);
    }

    /** This summary marked as a room's. */
    public ConversationSummary asRoom() {
        return new ConversationSummary(id, title, model, createdAt, updatedAt, messages, streaming, true);
    }
}
