package io.lanchat.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one place the protocol's JSON is configured. Server-side reading of client frames is strict
 * (unknown fields, wrong types and scalar coercion are errors, nesting is shallow) because the input is
 * untrusted; client-side reading of server frames is lenient so that newer servers can add fields.
 *
 * <p>All methods are thread-safe.
 */
public final class ProtocolJson {

    /** Deepest JSON nesting accepted from clients (Ollama options are the only nested part). */
    public static final int MAX_CLIENT_NESTING = 16;

    private static final JsonMapper STRICT = strictMapper();
    private static final JsonMapper LENIENT = JsonMapper.builder()
            // Characters beyond the BMP (emoji) as plain 4-byte UTF-8, not as escaped surrogate pairs.
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final ObjectReader CLIENT_READER = STRICT.readerFor(ClientMessage.class);
    private static final ObjectReader SERVER_READER = LENIENT.readerFor(ServerMessage.class);
    private static final ObjectWriter SERVER_WRITER = LENIENT.writerFor(ServerMessage.class);
    private static final ObjectWriter CLIENT_WRITER = LENIENT.writerFor(ClientMessage.class);

    private ProtocolJson() {
    }

    private static JsonMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_CLIENT_NESTING)
                .build());
        // {"text": 42} must be an error, not the string "42".
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // {"lastSeq": 1.5} must be an error, not 1.
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Parses a client frame strictly.
     *
     * @throws JsonProcessingException when the text is not a valid client message; the message says why
     */
    public static ClientMessage readClient(String json) throws JsonProcessingException {
        ClientMessage message = CLIENT_READER.readValue(json);
        if (message == null) {
            throw MismatchedInputException.from(null, ClientMessage.class, "a frame must be a JSON object, not null");
        }
        return message;
    }

    /**
     * Parses a server frame leniently (for clients): unknown fields are ignored, and a frame of a type this
     * version does not know gives null, which a client skips.
     */
    public static ServerMessage readServer(String json) throws JsonProcessingException {
        return SERVER_READER.readValue(json);
    }

    /** Serializes a server frame to UTF-8 JSON. */
    public static byte[] writeServer(ServerMessage message) {
        String deltaText = message instanceof TokenDelta token ? token.text()
                : message instanceof ThinkingDelta thinking ? thinking.text() : null;
        if (deltaText != null) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64 + deltaText.length() * 3);
            try {
                writeServer(out, message);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);      // a ByteArrayOutputStream does not fail
            }
        }
        try {
            return SERVER_WRITER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialize " + message.getClass().getSimpleName(), e);
        }
    }

    /** Serializes a server frame to JSON text. */
    public static String writeServerText(ServerMessage message) {
        try {
            return SERVER_WRITER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialize " + message.getClass().getSimpleName(), e);
        }
    }

    /** Serializes a client frame to JSON text (for clients). */
    public static String writeClient(ClientMessage message) {
        try {
            return CLIENT_WRITER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialize " + message.getClass().getSimpleName(), e);
        }
    }

    /** Writes a server frame to a stream, for encoders that serialize straight into a buffer. */
    public static void writeServer(java.io.OutputStream out, ServerMessage message) throws IOException {
        try {
            // The per-token frames: same bytes as data binding, less garbage.
            if (message instanceof TokenDelta token) {
                TokenFrameWriter.write(out, token);
                return;
            }
            if (message instanceof ThinkingDelta thinking) {
                TokenFrameWriter.write(out, thinking);
                return;
            }
        } catch (IllegalArgumentException unpairedSurrogate) {
            // Nothing was written; Jackson's general path decides what such a string becomes.
        }
        writeServerWithDataBinding(out, message);
    }

    /** The general path, also for tests that compare the token fast path against it. */
    static void writeServerWithDataBinding(java.io.OutputStream out, ServerMessage message) throws IOException {
        SERVER_WRITER.writeValue(out, message);
    }
}
