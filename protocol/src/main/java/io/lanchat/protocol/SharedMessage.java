package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * To the viewers of a live share link and a room's members (and, for a member's message, the room's owner): a new
 * question; its reply streams next, under the same {@code id}, unless {@code answered} is false.
 *
 * @param id       the id of the request that asked it, which the reply's frames carry too
 * @param message  the question
 * @param answered false for a room member's message the model does not answer (a room that answers only when
 *                 {@code @model} is mentioned): no reply follows. Null (absent) when a reply follows
 */
public record SharedMessage(String id, HistoryMessage message, Boolean answered) implements ServerMessage {
    public SharedMessage {
        requireNonNull(message, "message");
        answered = Boolean.FALSE.equals(answered) ? Boolean.FALSE : null;
    }

    /** A question whose reply follows. */
    public SharedMessage(String id, HistoryMessage message) {
        this(id, message, null);
    }

    /** A room member's message that gets no reply. */
    public static SharedMessage unanswered(String id, HistoryMessage message) {
        return new SharedMessage(id, message, Boolean.FALSE);
    }
}
