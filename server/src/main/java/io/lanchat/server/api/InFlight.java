package io.lanchat.server.api;

/** An answer under way on one API connection. Called on the connection's event loop. */
interface InFlight {

    /** The client went away: stop whatever still runs for it (leave the queue, close the stream to Ollama). */
    void clientGone();

    /** The client's connection drained its buffer: read on from Ollama. */
    void writable();
}
