package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * Ollama accepted the request and a reply is on its way; token frames follow.
 *
 * @param id              the id of the chat or retry request
 * @param model           the model answering
 * @param contextMessages how many conversation messages (system prompt included) were sent to Ollama
 * @param trimmedMessages how many older messages were left out (0 if none)
 * @param trimmedFor      why they were left out: {@link #TRIMMED_FOR_CONTEXT} (they do not fit the model's context:
 *                        Ollama refused the longer prompt, or the model's context length rules it out) or
 *                        {@link #TRIMMED_FOR_BUDGET} (the server's history budget); null when none were
 */
public record ReplyStarted(String id, String model, int contextMessages, int trimmedMessages, String trimmedFor)
        implements ServerMessage {
    public static final String TRIMMED_FOR_CONTEXT = "context";
    public static final String TRIMMED_FOR_BUDGET = "budget";

    public ReplyStarted {
        requireNonNull(model, "model");
    }

    /** A start without a reason for trimming: the history budget when messages were left out. */
    public ReplyStarted(String id, String model, int contextMessages, int trimmedMessages) {
        this(id, model, contextMessages, trimmedMessages, trimmedMessages > 0 ? TRIMMED_FOR_BUDGET : null);
    }
}
