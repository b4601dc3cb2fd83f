package io.lanchat.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/embed}: one vector per input (a string or an array of strings), as Ollama answers it:
 * {@code {"model","embeddings":[[...]],"total_duration","load_duration","prompt_eval_count"}}. An input of another
 * type is 400 {@code invalid input type}; an unknown or missing model is 404 {@code model 'NAME' not found}. The
 * vectors are small and deterministic (the same text, the same vector), unit length as Ollama normalises them.
 */
final class EmbedHandler implements Router.Endpoint {
    static final int DIMENSIONS = 8;
    private final StandInContext ctx;

    EmbedHandler(StandInContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long received = System.nanoTime();
        JsonNode root = JsonBodies.object(Exchanges.readBody(exchange), "api.EmbedRequest");
        String model = JsonBodies.string(root, "model", "EmbedRequest.model");
        List<String> inputs = inputs(root.get("input"));
        if (model.isBlank() || ctx.models().find(model).isEmpty()) {
            throw new ApiError(404, "model '" + model + "' not found");
        }
        ctx.models().markLoaded(model);
        ObjectNode answer = GoJson.object();
        answer.put("model", model);
        ArrayNode embeddings = answer.putArray("embeddings");
        long tokens = 0;
        for (String input : inputs) {
            ArrayNode vector = embeddings.addArray();
            for (double v : vector(input)) {
                vector.add(v);
            }
            tokens += 1 + input.length() / 4;
        }
        answer.put("total_duration", Math.max(1, System.nanoTime() - received));
        answer.put("load_duration", 1);
        answer.put("prompt_eval_count", tokens);
        Exchanges.sendJson(exchange, 200, answer);
    }

    private static List<String> inputs(JsonNode input) {
        List<String> inputs = new ArrayList<>();
        if (input == null || input.isNull()) {
            return inputs;
        }
        if (input.isTextual()) {
            if (!input.textValue().isEmpty()) {
                inputs.add(input.textValue());
            }
            return inputs;
        }
        if (!input.isArray()) {
            throw new ApiError(400, "invalid input type");
        }
        for (JsonNode item : input) {
            if (!item.isTextual()) {
                throw new ApiError(400, "invalid input type");
            }
            inputs.add(item.textValue());
        }
        return inputs;
    }

    /** A unit vector derived from the text's hash. */
    static double[] vector(String text) {
        double[] v = new double[DIMENSIONS];
        long seed = text.hashCode();
        double norm = 0;
        for (int i = 0; i < DIMENSIONS; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            v[i] = ((seed >>> 11) % 2001 - 1000) / 1000.0;
            norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm == 0 ? 1 : norm);
        for (int i = 0; i < DIMENSIONS; i++) {
            v[i] /= norm;
        }
        return v;
    }
}
