package io.lanchat.server.ollama;

/** Hears one {@code /api/pull} stream. Callbacks run on the event loop the pull was started on. */
public interface PullListener {

    /** One progress line from Ollama. */
    void progress(String status, Long completed, Long total);

    /** The model is installed. */
    void succeeded();

    /** The pull failed; {@code message} says why, for people. */
    void failed(String message);
}
