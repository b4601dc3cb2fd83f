package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * A reply still being generated when a session is resumed. Its tokens follow the {@code resumed} frame,
 * starting at {@code nextSeq}: the client appends them to what it has when {@code nextSeq} is one past the last
 * token it received, and starts the reply afresh when {@code nextSeq} is 0.
 *
 * @param id      the id of the chat or retry request the reply answers
 * @param model   the model answering
 * @param nextSeq the {@code seq} of the first token frame that follows
 */
public record ReplyInProgress(String id, String model, long nextSeq) {
    public ReplyInProgress {
        requireNonNull(model, "model");
    }
}
