package io.lanchat.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/pull}: Ollama's progress stream ({@code pulling manifest}, per-layer
 * {@code digest}/{@code total}/{@code completed}, verify, write, {@code success}), after which the
 * model is installed. Names whose model part starts with {@code nonexistent} are "not in the
 * registry": 200, {@code pulling manifest}, then an error line.
 */
final class PullHandler implements Router.Endpoint {

    static final String NOT_FOUND = "pull model manifest: file does not exist";

    private final StandInContext ctx;

    PullHandler(StandInContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        JsonNode body = JsonBodies.object(Exchanges.readBody(exchange), "api.PullRequest");
        String name = JsonBodies.string(body, "model", "PullRequest.model");
        name = name.isEmpty() ? JsonBodies.string(body, "name", "PullRequest.name") : name;
        if (name.isBlank()) {
            throw new ApiError(400, "invalid model name");
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw JsonBodies.typeError(stream, "PullRequest.stream", "bool");
        }
        String key = ModelInfo.key(name);
        boolean unknown = key.substring(key.lastIndexOf('/') + 1).startsWith("nonexistent");
        List<ObjectNode> progress = progress(name);
        if (stream != null && stream.isBoolean() && !stream.booleanValue()) {
            if (unknown) {
                throw new ApiError(500, NOT_FOUND);
            }
            progress.forEach(line -> Exchanges.pause(ctx.knobs().tokenDelay()));
            ctx.models().add(name);
            // stream:false answers the last object only, with gin's bare JSON content type
            Exchanges.send(exchange, 200, "application/json", GoJson.bytes(status("success")));
            return;
        }
        NdjsonWriter out = new NdjsonWriter(exchange, false);
        try {
            out.line(status("pulling manifest"));
            if (unknown) {
                Exchanges.pause(ctx.knobs().tokenDelay());
                out.line(GoJson.error(NOT_FOUND));
            } else {
                for (ObjectNode line : progress) {
                    Exchanges.pause(ctx.knobs().tokenDelay());
                    if ("success".equals(line.path("status").asText())) {
                        ctx.models().add(name); // installed before the client can read "success"
                    }
                    out.line(line);
                }
            }
            out.finish();
        } catch (ClientGoneException e) {
            throw new AbortConnection("client closed the pull stream");
        }
    }

    /** Everything after {@code pulling manifest}: two layers in three steps each, then the epilogue. */
    private static List<ObjectNode> progress(String name) {
        ModelInfo model = ModelInfo.of(name, Instant.EPOCH);
        List<ObjectNode> lines = new ArrayList<>();
        long[] totals = {model.size(), 7_020 + model.digest().charAt(0)};
        for (int layer = 0; layer < totals.length; layer++) {
            String hex = layerDigest(model, layer);
            long total = totals[layer];
            lines.add(layerLine(hex, total, -1));
            for (int step = 1; step <= 3; step++) {
                lines.add(layerLine(hex, total, total * step / 3));
            }
        }
        lines.add(status("verifying sha256 digest"));
        lines.add(status("writing manifest"));
        lines.add(status("success"));
        return lines;
    }

    private static ObjectNode layerLine(String hex, long total, long completed) {
        ObjectNode line = status("pulling " + hex.substring(0, 12));
        line.put("digest", "sha256:" + hex).put("total", total);
        if (completed >= 0) {
            line.put("completed", completed); // absent until the first byte arrives, as in Ollama
        }
        return line;
    }

    /** A layer's blob digest: deterministic, different from the manifest digest. */
    private static String layerDigest(ModelInfo model, int layer) {
        return ModelInfo.sha256(model.digest() + "/layer" + layer);
    }

    private static ObjectNode status(String status) {
        return GoJson.object().put("status", status);
    }
}
