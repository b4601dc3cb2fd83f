package io.lanchat.server.ollama;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Jackson set up for Ollama's wire format: lenient reading (Ollama adds fields over time), no nulls written. */
final class OllamaJson {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    static final ObjectReader TAGS_READER = MAPPER.readerFor(OllamaTags.class);
    static final ObjectReader SHOW_READER = MAPPER.readerFor(OllamaShow.class);

    private OllamaJson() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code error} text of an error body, or the raw text when it is not Ollama's JSON (gin 404, a proxy). */
    static String errorText(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node != null && node.hasNonNull("error")) {
                return node.get("error").asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        String trimmed = body.strip();
        return trimmed.length() > 200 ? trimmed.substring(0, 200) + "…" : trimmed;
    }
}
