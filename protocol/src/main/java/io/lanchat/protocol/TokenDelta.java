package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * The next piece of the reply, in the order Ollama produced it.
 *
 * @param id   the id of the chat or retry request
 * @param seq  0 for the first delta of a reply, then 1, 2, ... with no gaps
 * @param text the text to append
 */
public record TokenDelta(String id, long seq, String text) implements ServerMessage {
    public TokenDelta {
        requireNonNull(text, "text");
    }
}
