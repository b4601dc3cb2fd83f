package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * The reply is complete and stored in the conversation.
 *
 * @param id         the id of the chat or retry request
 * @param model      the model that answered
 * @param doneReason Ollama's reason: {@code stop}, or {@code length} when the token limit cut it short
 * @param stats      Ollama's token counts and durations
 * @param timing     the server's measurements (queue wait, time to first token); null from older servers
 */
public record ReplyDone(String id, String model, String doneReason, ReplyStats stats, ReplyTiming timing)
        implements ServerMessage {
    public ReplyDone {
        requireNonNull(model, "model");
        requireNonNull(stats, "stats");
    }

    /** A done frame without the server's timing. */
    public ReplyDone(String id, String model, String doneReason, ReplyStats stats) {
        this(id, model, doneReason, stats, null);
    }
}
