package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * The reply is complete and stored in the conversation.
 *
 * @param id         the id of the chat or retry request
 * @param model      the model that answered
 * @param doneReason Ollama's reason: {@code stop}, or {@code length} when the token limit cut it short
 * @param stats      Ollama's token counts and durations
 */
public record ReplyDone(String id, String model, String doneReason, ReplyStats stats) implements ServerMessage {
    public ReplyDone {
        requireNonNull(model, "model");
        requireNonNull(stats, "stats");
    }
}
