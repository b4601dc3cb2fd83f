package io.lanchat.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/generate}: Ollama's raw-prompt completion. Validated in Ollama's order (a missing model is 404
 * {@code model '' not found} here, unlike chat), an empty prompt only loads the model, and the reply streams as
 * NDJSON chunks carrying the text in top-level {@code response}; the final chunk adds {@code context} and the
 * metrics. The call is recorded (and counted when cancelled) as a chat call with the prompt as its one user
 * message, so the stand-in's knobs and counters apply to it alike.
 */
final class GenerateHandler implements Router.Endpoint {
    private final StandInContext ctx;

    GenerateHandler(StandInContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long received = System.nanoTime();
        byte[] body = Exchanges.readBody(exchange);
        JsonNode root = JsonBodies.object(body, "api.GenerateRequest");
        String model = JsonBodies.string(root, "model", "GenerateRequest.model");
        String prompt = JsonBodies.string(root, "prompt", "GenerateRequest.prompt");
        JsonNode stream = root.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw JsonBodies.typeError(stream, "GenerateRequest.stream", "bool");
        }
        boolean streaming = stream == null || stream.isNull() || stream.booleanValue();
        ChatCall call = new ChatCall(model, prompt.isEmpty() ? List.of() : List.of(new Message("user", prompt)),
                streaming, Map.of(), new String(body, StandardCharsets.UTF_8));
        ctx.stats().record(call, exchange.getRemoteAddress());
        if (model.isBlank() || ctx.models().find(model).isEmpty()) {
            throw new ApiError(404, "model '" + model + "' not found");
        }
        if (prompt.isEmpty()) {
            ctx.models().markLoaded(model);
            ObjectNode load = head(model, "");
            load.put("done", true);
            load.put("done_reason", "load");
            Exchanges.sendJson(exchange, 200, load);
            return;
        }
        generate(exchange, call, received);
    }

    private void generate(HttpExchange exchange, ChatCall call, long received) throws IOException {
        List<String> tokens = ctx.knobs().replyFor(call, Fault.NONE);
        try (ModelSlots.Slot slot = ctx.slots().acquire(call.model())) {
            long loadStart = System.nanoTime();
            Exchanges.pause(ctx.knobs().loadDelay());
            Timing timing = new Timing(received, loadStart, System.nanoTime());
            ctx.models().markLoaded(call.model());
            if (!call.stream()) {
                for (int i = 1; i < tokens.size(); i++) {
                    Exchanges.pause(ctx.knobs().tokenDelay());
                }
                timing.tokenSent();
                Exchanges.sendJson(exchange, 200, done(call, String.join("", tokens), timing, tokens.size()));
                return;
            }
            NdjsonWriter out = new NdjsonWriter(exchange, false);
            try {
                for (int i = 0; i < tokens.size(); i++) {
                    if (i > 0) {
                        Exchanges.pause(ctx.knobs().tokenDelay());
                    }
                    ObjectNode chunk = head(call.model(), tokens.get(i));
                    chunk.put("done", false);
                    out.line(chunk);
                    timing.tokenSent();
                }
                out.line(done(call, "", timing, tokens.size()));
                out.finish();
            } catch (ClientGoneException e) {
                ctx.stats().cancelled(call);
                throw new AbortConnection("client closed the connection");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbortConnection("stand-in stopped while waiting for a model slot");
        }
    }

    private ObjectNode done(ChatCall call, String response, Timing timing, int count) {
        ChatChunks.Metrics m = timing.metrics(call, count);
        ObjectNode node = head(call.model(), response);
        node.put("done", true);
        node.put("done_reason", "stop");
        // A short token context, as Ollama adds unless the request was raw.
        node.putArray("context").add(1).add(2).add(3);
        node.put("total_duration", m.totalDuration());
        node.put("load_duration", m.loadDuration());
        node.put("prompt_eval_count", m.promptEvalCount());
        node.put("prompt_eval_duration", m.promptEvalDuration());
        node.put("eval_count", m.evalCount());
        node.put("eval_duration", m.evalDuration());
        return node;
    }

    private ObjectNode head(String model, String response) {
        ObjectNode node = GoJson.object();
        node.put("model", model);
        node.put("created_at", ctx.time().nextCreatedAt());
        node.put("response", response);
        return node;
    }
}
