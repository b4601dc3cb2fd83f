package io.lanchat.server.ollama;

import static java.util.Objects.requireNonNull;

/**
 * Why a request to Ollama failed, with a sentence for the user that says what to do.
 *
 * @param kind       the class of failure
 * @param message    for people: what happened and what to do
 * @param httpStatus Ollama's HTTP status, or 0 when there was none
 */
public record OllamaFailure(Kind kind, String message, int httpStatus) {

    /** The classes of failure the server treats differently. */
    public enum Kind {
        /** Refused, unresolvable, connect timeout: Ollama is not there. */
        UNREACHABLE,
        /** 404 for the model. */
        MODEL_NOT_FOUND,
        /** 503: Ollama's own queue is full. */
        BUSY,
        /** No first token within the first-token timeout, or silence between tokens past the idle timeout. */
        TIMEOUT,
        /** Any other HTTP error status, an {@code error} line in the stream, a malformed line. */
        ERROR,
        /** The stream ended or the connection dropped before {@code done}. */
        INCOMPLETE
    }

    public OllamaFailure {
        requireNonNull(kind, "kind");
        requireNonNull(message, "message");
    }

    /**
     * True when Ollama refused the prompt as longer than the model's context (a request sent with
     * {@code truncate:false}): the runner's "the input length exceeds the context length", answered with 400.
     */
    public boolean contextExceeded() {
        return kind == Kind.ERROR && message.contains(Failures.INPUT_TOO_LONG);
    }

    /** True when Ollama itself seems gone, so the availability monitor should hear of it at once. */
    public boolean suggestsOllamaDown() {
        return kind == Kind.UNREACHABLE;
    }
}
