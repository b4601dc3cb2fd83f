package io.lanchat.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ollama's route table (the subset we need) with gin's edge behaviour: plain-text 404 for unknown
 * paths, 405 for a wrong method, trailing-slash redirects, and {@link ApiError}s turned into
 * {@code {"error":...}} replies.
 */
final class Router implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    /** One method on one path. */
    @FunctionalInterface
    interface Endpoint {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final Map<String, Map<String, Endpoint>> routes = new HashMap<>();

    Router(StandInContext ctx, BooleanSupplier stopping) {
        ModelEndpoints models = new ModelEndpoints(ctx);
        Endpoint root = ex -> Exchanges.sendText(ex, 200, "text/plain; charset=utf-8", "Ollama is running");
        Endpoint version = ex -> Exchanges.sendJson(ex, 200, GoJson.object().put("version", ctx.knobs().version()));
        route("/", Map.of("GET", root, "HEAD", root));
        route("/api/version", Map.of("GET", version, "HEAD", version));
        route("/api/tags", Map.of("GET", models::tags, "HEAD", models::tags));
        route("/api/ps", Map.of("GET", models::ps));
        route("/api/show", Map.of("POST", models::show));
        route("/api/delete", Map.of("DELETE", models::delete));
        route("/api/chat", Map.of("POST", new ChatHandler(ctx, stopping)));
        route("/api/pull", Map.of("POST", new PullHandler(ctx)));
        route("/api/generate", Map.of("POST", new GenerateHandler(ctx)));
        route("/api/embed", Map.of("POST", new EmbedHandler(ctx)));
        OpenAiEndpoints openAi = new OpenAiEndpoints(ctx);
        route("/v1/chat/completions", Map.of("POST", openAi::chat));
        route("/v1/models", Map.of("GET", openAi::models));
        route("/v1/embeddings", Map.of("POST", openAi::embeddings));
    }

    private void route(String path, Map<String, Endpoint> byMethod) {
        routes.put(path, byMethod);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            dispatch(exchange);
        } catch (ApiError e) {
            if (exchange.getResponseCode() != -1) {
                throw new AbortConnection("error after the response started: " + e.getMessage());
            }
            Exchanges.sendError(exchange, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            if (!(e instanceof AbortConnection)) {
                log.warn("stand-in handler failed", e);
                if (exchange.getResponseCode() == -1) {
                    Exchanges.sendError(exchange, 500, String.valueOf(e));
                    return;
                }
            }
            throw e; // the JDK server closes the socket of a handler that throws
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        Map<String, Endpoint> byMethod = routes.get(path);
        if (byMethod == null) {
            String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : null;
            if (trimmed != null && routes.containsKey(trimmed)) {
                // gin's RedirectTrailingSlash: 301 for GET, 307 for anything else
                exchange.getResponseHeaders().set("Location", trimmed);
                Exchanges.sendEmpty(exchange, "GET".equals(method) ? 301 : 307);
            } else {
                Exchanges.sendText(exchange, 404, "text/plain", "404 page not found");
            }
            return;
        }
        Endpoint endpoint = byMethod.get(method);
        if (endpoint == null) {
            Exchanges.sendText(exchange, 405, "text/plain", "405 method not allowed");
            return;
        }
        endpoint.handle(exchange);
    }
}
