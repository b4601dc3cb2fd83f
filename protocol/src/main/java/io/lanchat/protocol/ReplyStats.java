package io.lanchat.protocol;

/**
 * Ollama's figures for one reply, from its final stream chunk. Any figure Ollama omitted is null.
 * Durations are nanoseconds, as Ollama reports them.
 */
public record ReplyStats(Integer promptTokens, Integer replyTokens, Long totalDurationNs,
                         Long loadDurationNs, Long promptEvalDurationNs, Long evalDurationNs) {

    /** Reply tokens per second, or null when Ollama gave no count or duration. */
    public Double tokensPerSecond() {
        if (replyTokens == null || evalDurationNs == null || evalDurationNs <= 0) {
            return null;
        }
        return replyTokens * 1e9 / evalDurationNs;
    }
}
