package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * Something went wrong with a request; the connection stays open.
 *
 * @param id        the id of the request this answers, or null
 * @param code      what went wrong, for programs
 * @param message   what went wrong and what to do, for people
 * @param retryable true when the user's message is kept by the server and {@code retry} will send it again
 */
public record ErrorMessage(String id, ErrorCode code, String message, boolean retryable) implements ServerMessage {
    public ErrorMessage {
        requireNonNull(code, "code");
        requireNonNull(message, "message");
    }
}
