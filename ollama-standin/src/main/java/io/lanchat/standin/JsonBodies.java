package io.lanchat.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/**
 * Reads a POST body the way gin's {@code ShouldBindJSON} does: JSON whatever the Content-Type,
 * first value only, and Go's error texts for empty, malformed or wrongly typed bodies.
 */
final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * Parses the body into a JSON object; JSON {@code null} counts as an empty object, as it does
     * for Go's decoder.
     *
     * @param goType the Go type name used in the "cannot unmarshal" message, e.g. {@code api.ChatRequest}
     */
    static JsonNode object(byte[] body, String goType) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new ApiError(400, "missing request body");
        }
        GoJsonSyntax.check(text).ifPresent(message -> {
            throw new ApiError(400, message);
        });
        JsonNode node;
        try {
            node = GoJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            // the Go-style check passed but Jackson still refused (e.g. a number it cannot hold)
            throw new ApiError(400, "invalid request body: " + e.getOriginalMessage());
        }
        if (node == null || node.isNull()) {
            return GoJson.object();
        }
        if (!node.isObject()) {
            throw new ApiError(400, "json: cannot unmarshal " + goKind(node) + " into Go value of type " + goType);
        }
        return node;
    }

    /** Go's {@code UnmarshalTypeError} text for a field of the wrong JSON type. */
    static ApiError typeError(JsonNode value, String field, String goType) {
        return new ApiError(400, "json: cannot unmarshal " + goKind(value)
                + " into Go struct field " + field + " of type " + goType);
    }

    /** A string field that may be absent or null (both mean ""), like a Go {@code string}. */
    static String string(JsonNode object, String name, String field) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw typeError(value, field, "string");
        }
        return value.textValue();
    }

    /** The JSON type word Go uses in its messages. */
    static String goKind(JsonNode node) {
        if (node.isTextual()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        return node.isArray() ? "array" : "object";
    }
}
