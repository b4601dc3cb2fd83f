package io.lanchat.server.ollama;

import io.lanchat.protocol.ReplyStats;

/**
 * Receives one streamed chat reply.
 *
 * <p>Every callback runs on the event loop the stream was opened on. After {@link #onDone} or
 * {@link #onFailure} no further callback comes, and after {@link ChatStream#cancel()} none at all.
 */
public interface StreamListener {

    /** Ollama accepted the request (HTTP 200; Ollama sends it together with the first token). */
    void onStarted();

    /** The next piece of text, possibly empty strings filtered out already. */
    void onDelta(String text);

    /** A batch of reads has been delivered: a good moment to flush writes to the client. */
    void onBatchEnd();

    /** The reply is complete. */
    void onDone(String doneReason, ReplyStats stats);

    /** The reply failed; partial deltas may have been delivered before. */
    void onFailure(OllamaFailure failure);
}
