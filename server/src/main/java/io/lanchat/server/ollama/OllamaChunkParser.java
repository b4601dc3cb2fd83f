package io.lanchat.server.ollama;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads one NDJSON line of a streamed chat reply with Jackson's streaming parser. A line arrives for every
 * token, and binding each to a record through Jackson's data binding made a large share of the server's garbage.
 * Lenient like that data binding was: unknown fields are skipped, absent ones stay null, scalars are converted
 * (Ollama adds fields over time); a line that is not a JSON object, or a field of the wrong shape, is malformed.
 */
final class OllamaChunkParser {

    private OllamaChunkParser() {
    }

    static OllamaChunk parse(byte[] line) throws IOException {
        try (JsonParser p = OllamaJson.MAPPER.getFactory().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "a reply line must be a JSON object");
            }
            String model = null;
            OllamaMessage message = null;
            Boolean done = null;
            String doneReason = null;
            String error = null;
            Long totalDuration = null;
            Long loadDuration = null;
            Long promptEvalCount = null;
            Long promptEvalDuration = null;
            Long evalCount = null;
            Long evalDuration = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "model" -> model = text(p);
                    case "message" -> message = message(p);
                    case "done" -> done = bool(p);
                    case "done_reason" -> doneReason = text(p);
                    case "error" -> error = text(p);
                    case "total_duration" -> totalDuration = number(p);
                    case "load_duration" -> loadDuration = number(p);
                    case "prompt_eval_count" -> promptEvalCount = number(p);
                    case "prompt_eval_duration" -> promptEvalDuration = number(p);
                    case "eval_count" -> evalCount = number(p);
                    case "eval_duration" -> evalDuration = number(p);
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new JsonParseException(p, "unexpected end of the reply line");
            }
            return new OllamaChunk(model, message, done, doneReason, error, totalDuration, loadDuration,
                    toInt(promptEvalCount), promptEvalDuration, toInt(evalCount), evalDuration);
        }
    }

    private static OllamaMessage message(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, "message must be an object");
        }
        String role = null;
        String content = null;
        String thinking = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "role" -> role = text(p);
                case "content" -> content = text(p);
                case "thinking" -> thinking = text(p);
                default -> p.skipChildren();
            }
        }
        return new OllamaMessage(role, content, thinking);
    }

    private static String text(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!token.isScalarValue()) {
            throw new JsonParseException(p, "expected a string, found " + token);
        }
        return p.getText();
    }

    private static Boolean bool(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case VALUE_STRING -> switch (p.getText()) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new JsonParseException(p, "expected true or false");
            };
            default -> throw new JsonParseException(p, "expected true or false, found " + p.currentToken());
        };
    }

    private static Long number(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> (long) p.getDoubleValue();
            case VALUE_NULL -> null;
            case VALUE_STRING -> {
                try {
                    yield Long.parseLong(p.getText().strip());
                } catch (NumberFormatException e) {
                    throw new JsonParseException(p, "expected a number");
                }
            }
            default -> throw new JsonParseException(p, "expected a number, found " + p.currentToken());
        };
    }

    private static Integer toInt(Long value) {
        return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
