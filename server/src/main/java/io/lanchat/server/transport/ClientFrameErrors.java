package io.lanchat.server.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.lanchat.protocol.ErrorCode;
import java.util.stream.Collectors;

/**
 * Turns Jackson's parse failures into short sentences for client authors, without class names or echoes of
 * the (untrusted, possibly huge) input.
 */
final class ClientFrameErrors {
    private ClientFrameErrors() {
    }

    static ErrorCode code(JsonProcessingException e) {
        if (e instanceof InvalidTypeIdException typeId && typeId.getTypeId() != null) {
            return ErrorCode.UNKNOWN_TYPE;
        }
        return ErrorCode.BAD_REQUEST;
    }

    static String describe(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return "The frame is nested too deeply.";
            }
        }
        if (e instanceof InvalidTypeIdException typeId) {
            return typeId.getTypeId() == null
                    ? "The frame has no \"type\" field."
                    : "Unknown message type \"" + clip(typeId.getTypeId()) + "\".";
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field \"" + clip(unknown.getPropertyName()) + "\".";
        }
        if (e instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            return "Invalid request: " + invalid.getCause().getMessage() + ".";
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "Field \"" + path(mapping) + "\" is missing or has the wrong type.";
        }
        if (e instanceof StreamReadException) {
            return "The frame is not valid JSON: " + clip(e.getOriginalMessage()) + ".";
        }
        return "The frame is not a valid request: " + clip(e.getOriginalMessage()) + ".";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine;
    }
}
