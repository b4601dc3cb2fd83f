package io.lanchat.server.chat;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.server.backend.Backend;
import io.lanchat.server.backend.JobListener;
import io.lanchat.server.ollama.OllamaFailure;

/** What a reply's failures and refusals mean for the user: the error code, the sentence, and whether to move on. */
final class ReplyErrors {
    private ReplyErrors() {
    }

    /** An error frame's code and sentence. */
    record Refusal(ErrorCode code, String message) {
    }

    /** Why the queue refused the reply, in words for the user. */
    static Refusal rejected(JobListener.Rejection rejection, Long etaMs, String model) {
        if (rejection == JobListener.Rejection.QUEUE_FULL) {
            String wait = etaMs == null ? "a minute" : "~" + Math.max(1, Math.round(etaMs / 1000.0)) + " s";
            return new Refusal(ErrorCode.SERVER_BUSY, "The server is busy: its queue is full. Try again in " + wait
                    + ". Your message is kept.");
        }
        if (rejection == JobListener.Rejection.SHUTTING_DOWN) {
            return new Refusal(ErrorCode.SERVER_SHUTTING_DOWN, "The server is shutting down, so your message was not"
                    + " sent. It is kept: send it again once the server is back.");
        }
        return new Refusal(ErrorCode.OLLAMA_UNAVAILABLE, "No reachable Ollama backend has model " + model
                + " right now. Your message is kept; retry it when Ollama is back.");
    }

    /** Whether a failure before the first token is worth trying on another backend. */
    static boolean movesElsewhere(OllamaFailure failure) {
        return switch (failure.kind()) {
            case UNREACHABLE, BUSY, INCOMPLETE, TIMEOUT -> true;
            case MODEL_NOT_FOUND, ERROR -> false;
        };
    }

    /** Whether a backend other than {@code failed} is up and has {@code model}. */
    static boolean anotherBackendCouldServe(ChatServices services, Backend failed, String model) {
        return services.backends().backends().stream()
                .anyMatch(b -> b != failed && b.state().status().available() && b.state().hasModel(model));
    }

    static ErrorCode codeFor(OllamaFailure.Kind kind) {
        return switch (kind) {
            case UNREACHABLE -> ErrorCode.OLLAMA_UNAVAILABLE;
            case MODEL_NOT_FOUND -> ErrorCode.MODEL_NOT_FOUND;
            case BUSY -> ErrorCode.OLLAMA_BUSY;
            case TIMEOUT -> ErrorCode.OLLAMA_TIMEOUT;
            case ERROR, INCOMPLETE -> ErrorCode.OLLAMA_ERROR;
        };
    }
}
