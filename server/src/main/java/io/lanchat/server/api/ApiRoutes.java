package io.lanchat.server.api;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import java.util.Set;

/** Ollama's paths the API answers, what each is, and the methods each takes (gin answers 405 for others). */
final class ApiRoutes {

    /** How a path is served. */
    enum Kind {
        /** {@code Ollama is running}, answered here, no token needed (clients probe it to see the server is up). */
        ROOT,
        /** Joined over every backend that is up. */
        LISTING,
        /** Relayed to one backend at once: small, quick, no GPU work ({@code show}, {@code version}). */
        QUERY,
        /** Generation: through the fair queue. */
        GENERATION,
        /** Changes the backends' models: administrators only, relayed to one backend. */
        MANAGEMENT,
        /** This server's own usage table (not Ollama's): administrators only. */
        USAGE
    }

    record Route(Kind kind, Set<HttpMethod> methods) {
    }

    private static final Set<HttpMethod> POST = Set.of(HttpMethod.POST);
    private static final Map<String, Route> ROUTES = Map.ofEntries(
            Map.entry("/", new Route(Kind.ROOT, Set.of(HttpMethod.GET, HttpMethod.HEAD))),
            Map.entry("/api/version", new Route(Kind.QUERY, Set.of(HttpMethod.GET, HttpMethod.HEAD))),
            Map.entry("/api/tags", new Route(Kind.LISTING, Set.of(HttpMethod.GET, HttpMethod.HEAD))),
            Map.entry("/api/ps", new Route(Kind.LISTING, Set.of(HttpMethod.GET))),
            Map.entry("/api/show", new Route(Kind.QUERY, POST)),
            Map.entry("/api/chat", new Route(Kind.GENERATION, POST)),
            Map.entry("/api/generate", new Route(Kind.GENERATION, POST)),
            Map.entry("/api/embed", new Route(Kind.GENERATION, POST)),
            Map.entry("/api/embeddings", new Route(Kind.GENERATION, POST)),
            Map.entry("/v1/chat/completions", new Route(Kind.GENERATION, POST)),
            Map.entry("/v1/embeddings", new Route(Kind.GENERATION, POST)),
            Map.entry("/v1/models", new Route(Kind.LISTING, Set.of(HttpMethod.GET))),
            Map.entry("/api/pull", new Route(Kind.MANAGEMENT, POST)),
            Map.entry("/api/push", new Route(Kind.MANAGEMENT, POST)),
            Map.entry("/api/create", new Route(Kind.MANAGEMENT, POST)),
            Map.entry("/api/copy", new Route(Kind.MANAGEMENT, POST)),
            Map.entry("/api/delete", new Route(Kind.MANAGEMENT, Set.of(HttpMethod.DELETE))),
            Map.entry("/api/usage", new Route(Kind.USAGE, Set.of(HttpMethod.GET))));

    private ApiRoutes() {
    }

    /** The route of a path (without its query), or null for a path Ollama does not have here. */
    static Route find(String path) {
        return ROUTES.get(path);
    }
}
