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
 */
public record ConversationSummary(String id, String title, String model, String createdAt, String updatedAt,
                                  int messages, boolean streaming) {
    public ConversationSummary {
        requireNonNull(id, "id");
        requireNonNull(title, "title");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(updatedAt, "updatedAt");
    }
}
