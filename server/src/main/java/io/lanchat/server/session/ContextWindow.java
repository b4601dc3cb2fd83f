package io.lanchat.server.session;

import java.util.List;

/**
 * What is sent to Ollama for one request: the messages, oldest first, and how many older turns were left out.
 *
 * @param messages the system prompt (if any), the kept history and the new user message
 * @param trimmed  how many stored turns were left out to fit the budget
 */
public record ContextWindow(List<Turn> messages, int trimmed) {
    public ContextWindow {
        messages = List.copyOf(messages);
    }
}
