package io.lanchat.protocol;

/**
 * The server's own measurements of one reply, in milliseconds.
 *
 * @param queuedMs     time spent in the server's queue waiting for a free Ollama slot
 * @param firstTokenMs time from the request to the first token (queue, model load and prompt included)
 * @param totalMs      time from the request to the end of the reply
 */
public record ReplyTiming(long queuedMs, long firstTokenMs, long totalMs) {
}
