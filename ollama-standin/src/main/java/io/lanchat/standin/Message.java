package io.lanchat.standin;

import java.util.Objects;

/**
 * One chat message as the stand-in received it; the role is already lower-cased, as Ollama does.
 *
 * @param role    {@code system}, {@code user}, {@code assistant} or {@code tool} (never null)
 * @param content the text, {@code ""} when the request omitted it (never null)
 */
public record Message(String role, String content) {

    /** Normalises nulls so callers never have to null-check. */
    public Message {
        role = Objects.requireNonNullElse(role, "");
        content = Objects.requireNonNullElse(content, "");
    }
}
