package io.lanchat.server.ollama;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One NDJSON line of a streamed chat reply. Every field may be absent: Ollama omits zero metrics, and an
 * error line carries only {@code error}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record OllamaChunk(String model, OllamaMessage message, Boolean done, String doneReason, String error,
                   Long totalDuration, Long loadDuration, Integer promptEvalCount, Long promptEvalDuration,
                   Integer evalCount, Long evalDuration) {

    boolean isDone() {
        return Boolean.TRUE.equals(done);
    }

    String content() {
        return message == null || message.content() == null ? "" : message.content();
    }
}
