package io.lanchat.server.ollama;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Receives one Ollama response as it comes off the wire, bytes untouched, to pass on to another client.
 *
 * <p>Every callback runs on the event loop the relay was opened on. After {@link #onEnd} or {@link #onFailure} no
 * further callback comes, and after {@link Relay#cancel()} none at all.
 */
public interface RelayListener {

    /** Ollama's status line and headers; the body follows. */
    void onHead(HttpResponse head);

    /** The next piece of the body, now the listener's: it must write it on or release it. */
    void onContent(ByteBuf content);

    /** A batch of reads has been delivered: a good moment to flush. */
    void onBatchEnd();

    /** The body is complete. */
    void onEnd();

    /** The exchange failed: before the head (nothing was relayed yet) or part-way through the body. */
    void onFailure(OllamaFailure failure);
}
