package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * The next piece of the model's reasoning, sent while it thinks, before the answer's {@code token} frames. It is
 * not part of the answer: show it apart (dimmed, folded away once the answer starts).
 *
 * @param id   the id of the chat or retry request
 * @param seq  the reply's sequence number, shared with {@link TokenDelta}: the {@code thinking} and {@code token}
 *             frames of one reply are numbered 0, 1, 2, ... together, with no gaps
 * @param text the reasoning to append
 */
public record ThinkingDelta(String id, long seq, String text) implements ServerMessage {
    public ThinkingDelta {
        requireNonNull(text, "text");
    }
}
