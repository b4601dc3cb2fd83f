package io.lanchat.server.ollama;

/**
 * One NDJSON line of a streamed chat reply (read by {@link OllamaChunkParser}). Every field may be absent: Ollama
 * omits zero metrics, and an error line carries only {@code error}.
 */
record OllamaChunk(String model, OllamaMessage message, Boolean done, String doneReason, String error,
                   Long totalDuration, Long loadDuration, Integer promptEvalCount, Long promptEvalDuration,
                   Integer evalCount, Long evalDuration) {

    boolean isDone() {
        return Boolean.TRUE.equals(done);
    }

    String content() {
        return message == null || message.content() == null ? "" : message.content();
    }

    /** Ollama's {@code message.thinking}: the reasoning of a thinking model; "" when absent. */
    String thinking() {
        return message == null || message.thinking() == null ? "" : message.thinking();
    }
}
