package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * Progress of a {@code pull}, relayed from Ollama's {@code /api/pull} stream: one frame per Ollama status line.
 * The last frame of a successful pull has status {@code success} (then a {@code models_changed} broadcast
 * follows); a failed one ends with an {@code error} frame.
 *
 * @param id        the id of the pull request
 * @param model     the model being pulled
 * @param backend   which Ollama backend this line comes from (its address)
 * @param status    Ollama's status text, e.g. {@code pulling manifest}, {@code pulling 0123456789ab},
 *                  {@code verifying sha256 digest}, {@code success}
 * @param completed bytes downloaded of the current layer, when known
 * @param total     size of the current layer in bytes, when known
 */
public record PullProgress(String id, String model, String backend, String status, Long completed, Long total)
        implements ServerMessage {
    public PullProgress {
        requireNonNull(model, "model");
        requireNonNull(status, "status");
    }
}
