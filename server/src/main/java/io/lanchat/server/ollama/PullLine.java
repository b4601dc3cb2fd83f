package io.lanchat.server.ollama;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One line of Ollama's {@code /api/pull} progress stream. */
@JsonIgnoreProperties(ignoreUnknown = true)
record PullLine(String status, String digest, Long total, Long completed, String error) {
}
