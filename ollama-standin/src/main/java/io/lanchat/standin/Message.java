package io.lanchat.standin;

import java.util.Objects;

/**
 * One chat message as the stand-in received it; the role is already lower-cased, as Ollama does.
 *
 * @param role    {@code system}, {@code user}, {@code assistant} or {@code tool} (never null)
 * @param content  the text, {@code ""} when the request omitted it (never null)
 * @param thinking the reasoning a client sent back with an assistant message, {@code ""} when none (never null)
 * @param images   the message's {@code images} (base64, as sent), empty when none (never null)
 */
public record Message(String role, String content, String thinking, java.util.List<String> images) {

    /** Normalises nulls so callers never have to null-check. */
    public Message {
        role = Objects.requireNonNullElse(role, "");
        content = Objects.requireNonNullElse(content, "");
        thinking = Objects.requireNonNullElse(thinking, "");
        images = images == null ? java.util.List.of() : java.util.List.copyOf(images);
    }

    /** A message without images. */
    public Message(String role, String content, String thinking) {
        this(role, content, thinking, null);
    }

    /** A message without reasoning. */
    public Message(String role, String content) {
        this(role, content, "");
    }
}
