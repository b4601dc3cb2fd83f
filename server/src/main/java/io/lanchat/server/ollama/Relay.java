package io.lanchat.server.ollama;

/** One request relayed to Ollama. Its methods must be called on the relay's event loop. */
public interface Relay {

    /** Stops it by closing the connection to Ollama (Ollama then stops generating); no callback follows. */
    void cancel();

    /** Reads nothing more from Ollama until {@link #resume()}: the receiving client is not keeping up. */
    void pause();

    /** Reads on after {@link #pause()}. */
    void resume();
}
