package io.lanchat.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Reads the one thing the server needs from a generation request, the model, checking the body as Ollama does
 * before it queues anything: an empty body, malformed JSON, a body that is not an object, a model that is not a
 * string are answered 400 with {@code {"error":...}}; a missing model is 400 {@code model is required} on chat and
 * 404 {@code model '' not found} elsewhere, as in Ollama's handlers. Everything else in the body is Ollama's to
 * check: it goes on untouched.
 */
final class RequestModel {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** The model named, or why the request is refused. */
    record Result(String model, HttpResponseStatus status, String error) {
        boolean ok() {
            return error == null;
        }
    }

    private RequestModel() {
    }

    static Result read(byte[] body, boolean chat) {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return refused(HttpResponseStatus.BAD_REQUEST, "missing request body");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return refused(HttpResponseStatus.BAD_REQUEST, "invalid JSON in request body: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            return refused(HttpResponseStatus.BAD_REQUEST, "unreadable request body");
        }
        if (root == null || !root.isObject()) {
            return refused(HttpResponseStatus.BAD_REQUEST, "json: cannot unmarshal "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT))
                    + " into Go value of type api." + (chat ? "ChatRequest" : "Request"));
        }
        JsonNode model = root.get("model");
        if (model != null && !model.isNull() && !model.isTextual()) {
            return refused(HttpResponseStatus.BAD_REQUEST, "json: cannot unmarshal "
                    + model.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                    + " into Go struct field .model of type string");
        }
        String name = model == null || model.isNull() ? "" : model.textValue();
        if (name.isBlank()) {
            return chat ? refused(HttpResponseStatus.BAD_REQUEST, "model is required")
                    : refused(HttpResponseStatus.NOT_FOUND, "model '" + name + "' not found");
        }
        return new Result(name, null, null);
    }

    private static Result refused(HttpResponseStatus status, String error) {
        return new Result(null, status, error);
    }
}
