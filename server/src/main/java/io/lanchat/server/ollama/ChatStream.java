package io.lanchat.server.ollama;

/** A chat reply streaming from Ollama. Both methods must be called on the stream's event loop. */
public interface ChatStream {

    /** Stops the reply by closing the connection to Ollama (Ollama then stops generating); no callback follows. */
    void cancel();

    /** The client can take more again: read the next chunk if reading was paused for backpressure. */
    void resume();
}
