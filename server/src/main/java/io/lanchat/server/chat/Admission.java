package io.lanchat.server.chat;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.server.monitor.OllamaState;
import io.lanchat.server.monitor.UserFacingStatus;
import io.lanchat.server.ollama.Failures;

/**
 * Decides, before a reply is queued, whether it can be served at all: not while the server shuts down, not while
 * no Ollama is reachable, not for a model no backend has, not for a cloud model the server does not allow. A refusal keeps the user's message for a retry.
 */
final class Admission {
    private Admission() {
    }

    /** A reason to refuse, for the error frame. */
    record Refusal(ErrorCode code, String message) {
    }

    /** @return null when the reply may be queued */
    static Refusal check(ChatServices services, String model) {
        if (services.shutdown().begun()) {
            return new Refusal(ErrorCode.SERVER_SHUTTING_DOWN, "The server is shutting down. Your message is kept;"
                    + " send it again once the server is back.");
        }
        OllamaState ollama = services.backends().state();
        if (!ollama.status().available()) {
            services.backends().probeSoon();
            return new Refusal(ErrorCode.OLLAMA_UNAVAILABLE, UserFacingStatus.of(ollama.status()).reason()
                    + " Your message is kept; retry it when Ollama is back.");
        }
        if (!ollama.hasModel(model) && isHiddenCloudModel(services, model)) {
            // Hidden on purpose, so no probe: say why, so that an administrator knows what to change.
            return new Refusal(ErrorCode.MODEL_NOT_FOUND, Failures.cloudModelRefused(model) + " Your message is kept.");
        }
        if (!ollama.hasModel(model)) {
            services.backends().probeSoon();
            return new Refusal(ErrorCode.MODEL_NOT_FOUND, Failures.modelNotFound(model) + " Your message is kept.");
        }
        return null;
    }

    /**
     * A cloud model a backend has but hides because the server does not allow them (when it does, the model is
     * listed; a cloud name nobody has is simply not installed).
     */
    private static boolean isHiddenCloudModel(ChatServices services, String model) {
        return services.backends().backends().stream().anyMatch(b -> b.state().hidesRemote(model));
    }
}
