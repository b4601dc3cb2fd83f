package io.lanchat.protocol;

/** Answers {@code ping}. */
public record Pong(String id) implements ServerMessage {
}
