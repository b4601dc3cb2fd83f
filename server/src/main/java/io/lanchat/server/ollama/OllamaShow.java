package io.lanchat.server.ollama;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The parts of a {@code POST /api/show} body the server reads; {@code model_info} keys vary by architecture, and
 * {@code thinking} ({@code values}, {@code default}; docs/capabilities/thinking.mdx) is absent from older Ollama.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OllamaShow(List<String> capabilities, @JsonProperty("model_info") JsonNode modelInfo, JsonNode thinking) {
}
