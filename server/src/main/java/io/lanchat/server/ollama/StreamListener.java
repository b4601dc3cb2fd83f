package io.lanchat.server.ollama;

import io.lanchat.protocol.ReplyStats;

/**
 * Receives one streamed chat reply.
 *
 * <p>Every callback runs on the event loop the stream was opened on. After {@link #onDone} or
 * {@link #onFailure} no further callback comes, and after {@link ChatStream#cancel()} none at all.
 */
public interface StreamListener {

    /**
     * Ollama accepted the request (HTTP 200; Ollama sends it together with the first token).
     *
     * @param thinking whether the reply starts with reasoning (a {@code message.thinking} chunk, or content that
     *                 opens with {@code <think>})
     */
    void onStarted(boolean thinking);

    /** The next piece of the reasoning, before the answer; never empty. */
    void onThinking(String text);

    /** The next piece of the answer, never empty; the reasoning is never in it. */
    void onDelta(String text);

    /** A batch of reads has been delivered: a good moment to flush writes to the client. */
    void onBatchEnd();

    /** The reply is complete. */
    void onDone(String doneReason, ReplyStats stats);

    /** The reply failed; partial deltas may have been delivered before. */
    void onFailure(OllamaFailure failure);
}
