package io.lanchat.server.ollama;

/** A chat reply streaming from Ollama. It must be called on the stream's event loop. */
public interface ChatStream {

    /** Stops the reply by closing the connection to Ollama (Ollama then stops generating); no callback follows. */
    void cancel();
}
