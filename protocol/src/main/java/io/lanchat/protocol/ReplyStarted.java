package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * Ollama accepted the request and a reply is on its way; token frames follow.
 *
 * @param id              the id of the chat or retry request
 * @param model           the model answering
 * @param contextMessages how many conversation messages (system prompt included) were sent to Ollama
 * @param trimmedMessages how many older messages were left out to fit the history budget (0 if none)
 */
public record ReplyStarted(String id, String model, int contextMessages, int trimmedMessages)
        implements ServerMessage {
    public ReplyStarted {
        requireNonNull(model, "model");
    }
}
