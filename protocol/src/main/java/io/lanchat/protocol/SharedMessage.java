package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * To the viewers of a live share link: the owner asked a question; its reply streams next, under the same
 * {@code id}.
 *
 * @param id      the id of the owner's request, which the reply's frames carry too
 * @param message the question
 */
public record SharedMessage(String id, HistoryMessage message) implements ServerMessage {
    public SharedMessage {
        requireNonNull(message, "message");
    }
}
