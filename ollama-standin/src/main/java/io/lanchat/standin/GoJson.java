package io.lanchat.standin;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Jackson configured to write JSON byte-for-byte the way Go's {@code encoding/json} does, which is
 * what Ollama's responses are made of.
 */
final class GoJson {

    /** Shared, thread-safe mapper; also used for reading request bodies. */
    static final ObjectMapper MAPPER = JsonMapper.builder(
            new JsonFactoryBuilder().characterEscapes(new GoEscapes()).build()).build();

    private GoJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Serialises a node compactly; no trailing newline, like gin's {@code c.JSON}. */
    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code {"error":"..."}} body every Ollama error uses. */
    static ObjectNode error(String message) {
        return object().put("error", message);
    }

    /**
     * Go escapes {@code <}, {@code >} and {@code &} (HTML safety), U+2028/U+2029 (JavaScript
     * safety) and control characters with lower-case hex; Jackson's defaults differ on all of
     * these, and a faithful stand-in should put the same bytes on the wire.
     */
    private static final class GoEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        GoEscapes() {
            for (int c = 0; c < 0x20; c++) {
                if (c != '\n' && c != '\r' && c != '\t') {
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
            ascii['<'] = ESCAPE_CUSTOM;
            ascii['>'] = ESCAPE_CUSTOM;
            ascii['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == '\b') {
                return new SerializedString("\\b"); // Go >= 1.22 uses the short forms for these two
            }
            if (ch == '\f') {
                return new SerializedString("\\f");
            }
            boolean escaped = ch < 0x20 || ch == '<' || ch == '>' || ch == '&'
                    || ch == 0x2028 || ch == 0x2029;
            return escaped ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
