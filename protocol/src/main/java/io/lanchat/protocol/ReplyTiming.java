package io.lanchat.protocol;

/**
 * The server's own measurements of one reply, in milliseconds.
 *
 * @param queuedMs     time spent in the server's queue waiting for a free Ollama slot
 * @param firstTokenMs time from the request to the first token (queue, model load and prompt included)
 * @param totalMs      time from the request to the end of the reply
 * @param thinkingMs   how long the model thought: from its first reasoning to the first piece of its answer (or its
 *                     end); null when it did not think
 */
public record ReplyTiming(long queuedMs, long firstTokenMs, long totalMs, Long thinkingMs) {

    /** Timing of a reply without reasoning. */
    public ReplyTiming(long queuedMs, long firstTokenMs, long totalMs) {
        this(queuedMs, firstTokenMs, totalMs, null);
    }
}
