package io.lanchat.server.session;

import java.util.List;

/**
 * What is sent to Ollama for one request: the messages, oldest first, and how many older turns were left out.
 *
 * @param messages   the system prompt (if any), the kept history and the new user message
 * @param trimmed    how many stored turns were left out
 * @param forContext true when turns were left out because they do not fit the model's context (its context length,
 *                   or Ollama refused the longer prompt), false when only the server's history budget left them out
 */
public record ContextWindow(List<Turn> messages, int trimmed, boolean forContext) {
    public ContextWindow {
        messages = List.copyOf(messages);
    }

    public ContextWindow(List<Turn> messages, int trimmed) {
        this(messages, trimmed, false);
    }

    /** Whether the first message is the system prompt. */
    public boolean hasSystemPrompt() {
        return !messages.isEmpty() && messages.get(0).role() == Role.SYSTEM;
    }
}
