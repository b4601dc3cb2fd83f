package io.lanchat.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanchat.server.backend.Backend;
import io.lanchat.server.backend.BackendPool;
import io.lanchat.server.ollama.HttpReply;
import io.lanchat.server.ollama.ModelNames;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/tags}, {@code GET /api/ps} and OpenAI's {@code GET /v1/models} over every backend that is up:
 * each backend is asked, and their lists are joined into one in the same shape, entries kept as Ollama wrote
 * them, each model once (the first backend's entry wins). Models the server does not serve (cloud models it hides) are left out, so the list is
 * what a client may ask for.
 */
final class ModelListings {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final BackendPool backends;

    ModelListings(BackendPool backends) {
        this.backends = backends;
    }

    /** Answers {@code call} with the joined list at {@code apiPath}; completes on the call's loop. */
    void answer(ApiCall call, String apiPath) {
        EventLoop loop = call.ctx().channel().eventLoop();
        List<Backend> up = backends.backends().stream().filter(b -> b.state().status().available()).toList();
        if (up.isEmpty()) {
            ApiReplies.error(call.ctx(), call.keepAlive(), HttpResponseStatus.BAD_GATEWAY,
                    "no Ollama backend is reachable: " + backends.state().status().reason());
            call.finished().run();
            return;
        }
        List<CompletableFuture<HttpReply>> asked = new ArrayList<>();
        for (Backend backend : up) {
            asked.add(backend.client().get(loop, apiPath, TIMEOUT).exceptionally(error -> null));
        }
        CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) ->
                loop.execute(() -> {
                    ApiReplies.json(call.ctx(), call.keepAlive(), HttpResponseStatus.OK, joined(asked, apiPath.startsWith("/v1/")));
                    call.finished().run();
                }));
    }

    private byte[] joined(List<CompletableFuture<HttpReply>> asked, boolean openAi) {
        ObjectNode out = MAPPER.createObjectNode();
        if (openAi) {
            out.put("object", "list");
        }
        ArrayNode models = out.putArray(openAi ? "data" : "models");
        Set<String> seen = new HashSet<>();
        for (CompletableFuture<HttpReply> reply : asked) {
            HttpReply answer = reply.getNow(null);
            if (answer == null || answer.status() != 200) {
                continue;
            }
            for (JsonNode model : modelsIn(answer.body(), openAi ? "data" : "models")) {
                String name = openAi ? model.path("id").asText("")
                        : model.path("name").asText(model.path("model").asText(""));
                if (!name.isEmpty() && backends.state().hasModel(name) && seen.add(ModelNames.normalize(name))) {
                    models.add(model);
                }
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode modelsIn(String body, String field) {
        try {
            return MAPPER.readTree(body).path(field);
        } catch (java.io.IOException e) {
            return MAPPER.createArrayNode();
        }
    }
}
