package io.lanchat.server.session;

import io.lanchat.protocol.AttachmentInfo;
import java.util.List;
import static java.util.Objects.requireNonNull;

import io.lanchat.protocol.ThinkMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user message whose reply failed or was refused, kept with what it was sent with, so {@code retry} sends it
 * again unchanged: the same model (unless the user picks another) and the same options.
 *
 * @param text    the message
 * @param model   the model it was sent to; null for the server's default at the time of the retry
 * @param options the Ollama options it carried (already checked); null for none
 * @param think   the thinking it asked for (its own, or its conversation's); null for the model's default
 * @param images  the images it carries (held by the attachment store); empty for none
 * @param author  the room member who sent it; null for the owner's
 */
public record PendingMessage(String text, String model, Map<String, Object> options, ThinkMode think,
                             List<AttachmentInfo> images, String author) {
    public PendingMessage {
        requireNonNull(text, "text");
        options = options == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(options));
        images = images == null ? List.of() : List.copyOf(images);
    }

    public PendingMessage(String text, String model, Map<String, Object> options, ThinkMode think,
                          List<AttachmentInfo> images) {
        this(text, model, options, think, images, null);
    }

    public PendingMessage(String text, String model, Map<String, Object> options, ThinkMode think) {
        this(text, model, options, think, null);
    }

    public PendingMessage(String text, String model, Map<String, Object> options) {
        this(text, model, options, null);
    }

    /** The same message, to be sent to {@code another} model from now on. */
    public PendingMessage withModel(String another) {
        return new PendingMessage(text, another, options, think, images, author);
    }

    /** Characters held, for the session's weight (options are few and short once checked). */
    long chars() {
        return text.length() + (model == null ? 0 : model.length()) + (author == null ? 0 : author.length());
    }
}
