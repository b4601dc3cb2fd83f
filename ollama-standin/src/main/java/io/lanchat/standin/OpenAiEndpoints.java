package io.lanchat.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ollama's OpenAI-compatible endpoints (openai/openai.go): {@code POST /v1/chat/completions} as server-sent events
 * ({@code data: {chunk}}, a last chunk with {@code finish_reason}, then {@code data: [DONE]}) or one
 * {@code chat.completion} object with {@code usage}; {@code GET /v1/models}; {@code POST /v1/embeddings}. Errors
 * come as {@code {"error":{"message","type","param","code"}}} with type {@code invalid_request_error} (400),
 * {@code not_found_error} (404) or {@code api_error}. Chat calls are recorded (and cancellations counted) like
 * {@code /api/chat}'s.
 */
final class OpenAiEndpoints {
    private final StandInContext ctx;
    private final AtomicLong ids = new AtomicLong();

    OpenAiEndpoints(StandInContext ctx) {
        this.ctx = ctx;
    }

    void chat(HttpExchange exchange) throws IOException {
        byte[] body = Exchanges.readBody(exchange);
        JsonNode root;
        ChatCall call;
        try {
            root = JsonBodies.object(body, "openai.ChatCompletionRequest");
            List<Message> messages = new ArrayList<>();
            for (JsonNode m : root.path("messages")) {
                messages.add(new Message(m.path("role").asText(""), m.path("content").asText("")));
            }
            call = new ChatCall(root.path("model").asText(""), messages, root.path("stream").asBoolean(false),
                    Map.of(), new String(body, StandardCharsets.UTF_8));
        } catch (ApiError e) {
            error(exchange, e.status(), e.getMessage());
            return;
        }
        ctx.stats().record(call, exchange.getRemoteAddress());
        if (call.model().isBlank()) {
            error(exchange, 400, "model is required");
            return;
        }
        if (ctx.models().find(call.model()).isEmpty()) {
            error(exchange, 404, "model '" + call.model() + "' not found");
            return;
        }
        List<String> tokens = ctx.knobs().replyFor(call, Fault.NONE);
        String id = "chatcmpl-" + ids.incrementAndGet();
        try (ModelSlots.Slot slot = ctx.slots().acquire(call.model())) {
            Exchanges.pause(ctx.knobs().loadDelay());
            ctx.models().markLoaded(call.model());
            if (call.stream()) {
                stream(exchange, call, id, tokens);
            } else {
                for (int i = 1; i < tokens.size(); i++) {
                    Exchanges.pause(ctx.knobs().tokenDelay());
                }
                ObjectNode completion = head(id, "chat.completion", call.model());
                ObjectNode choice = completion.putArray("choices").addObject();
                choice.put("index", 0);
                choice.putObject("message").put("role", "assistant").put("content", String.join("", tokens));
                choice.put("finish_reason", "stop");
                long prompt = Timing.promptTokens(call);
                completion.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", tokens.size())
                        .put("total_tokens", prompt + tokens.size());
                Exchanges.send(exchange, 200, Exchanges.JSON, GoJson.bytes(completion));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbortConnection("stand-in stopped while waiting for a model slot");
        }
    }

    private void stream(HttpExchange exchange, ChatCall call, String id, List<String> tokens) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            for (int i = 0; i < tokens.size(); i++) {
                if (i > 0) {
                    Exchanges.pause(ctx.knobs().tokenDelay());
                }
                event(out, chunk(id, call.model(), tokens.get(i), null));
            }
            event(out, chunk(id, call.model(), "", "stop"));
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            out.close();
            exchange.close();
        } catch (IOException e) {
            ctx.stats().cancelled(call);
            throw new AbortConnection("client closed the connection");
        }
    }

    private ObjectNode chunk(String id, String model, String content, String finishReason) {
        ObjectNode chunk = head(id, "chat.completion.chunk", model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta").put("role", "assistant").put("content", content);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static ObjectNode head(String id, String object, String model) {
        ObjectNode node = GoJson.object();
        node.put("id", id);
        node.put("object", object);
        node.put("created", System.currentTimeMillis() / 1000);
        node.put("model", model);
        node.put("system_fingerprint", "fp_ollama");
        return node;
    }

    private static void event(OutputStream out, JsonNode chunk) throws IOException {
        out.write("data: ".getBytes(StandardCharsets.UTF_8));
        out.write(GoJson.bytes(chunk));
        out.write("\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void models(HttpExchange exchange) throws IOException {
        ObjectNode list = GoJson.object();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        for (ModelInfo model : ctx.models().installed()) {
            data.addObject().put("id", model.name()).put("object", "model")
                    .put("created", model.modifiedAt().getEpochSecond()).put("owned_by", "library");
        }
        Exchanges.send(exchange, 200, Exchanges.JSON, GoJson.bytes(list));
    }

    void embeddings(HttpExchange exchange) throws IOException {
        JsonNode root;
        try {
            root = JsonBodies.object(Exchanges.readBody(exchange), "openai.EmbedRequest");
        } catch (ApiError e) {
            error(exchange, e.status(), e.getMessage());
            return;
        }
        String model = root.path("model").asText("");
        if (model.isBlank() || ctx.models().find(model).isEmpty()) {
            error(exchange, 404, "model '" + model + "' not found");
            return;
        }
        List<String> inputs = new ArrayList<>();
        JsonNode input = root.path("input");
        if (input.isTextual()) {
            inputs.add(input.textValue());
        } else if (input.isArray()) {
            input.forEach(item -> inputs.add(item.asText()));
        } else {
            error(exchange, 400, "invalid input type");
            return;
        }
        ObjectNode list = GoJson.object();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        long tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            ArrayNode vector = item.putArray("embedding");
            for (double v : EmbedHandler.vector(inputs.get(i))) {
                vector.add(v);
            }
            item.put("index", i);
            tokens += 1 + inputs.get(i).length() / 4;
        }
        list.put("model", model);
        list.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        Exchanges.send(exchange, 200, Exchanges.JSON, GoJson.bytes(list));
    }

    /** OpenAI's error shape, with the type Ollama's middleware gives the status. */
    static void error(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode error = GoJson.object();
        ObjectNode inner = error.putObject("error");
        inner.put("message", message);
        inner.put("type", status == 400 ? "invalid_request_error" : status == 404 ? "not_found_error" : "api_error");
        inner.putNull("param");
        inner.putNull("code");
        Exchanges.send(exchange, status, Exchanges.JSON, GoJson.bytes(error));
    }
}
