package io.lanchat.protocol;

/** Answers {@code reset}: the conversation is now empty (the system prompt, if any, stays). */
public record HistoryCleared(String id) implements ServerMessage {
}
