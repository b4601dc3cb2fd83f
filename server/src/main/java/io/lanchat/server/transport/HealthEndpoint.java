package io.lanchat.server.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanchat.protocol.ModelInfo;
import io.lanchat.server.backend.Backend;
import io.lanchat.server.backend.BackendPool;
import io.lanchat.server.backend.GenerationScheduler;
import io.lanchat.server.monitor.OllamaState;
import io.lanchat.server.session.SessionStore;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import io.lanchat.server.store.StoreHealth;

/** Builds the {@code GET /healthz} body: the server's state and what it knows of each Ollama backend. */
public final class HealthEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String serverName;
    private final Instant startedAt = Instant.now();
    private final BackendPool backends;
    private final GenerationScheduler scheduler;
    private final SessionStore sessions;
    private final ClientRegistry clients;
    private final Supplier<StoreHealth> store;

    public HealthEndpoint(String serverName, BackendPool backends, GenerationScheduler scheduler,
                          SessionStore sessions, ClientRegistry clients, Supplier<StoreHealth> store) {
        this.store = store;
        this.serverName = serverName;
        this.backends = backends;
        this.scheduler = scheduler;
        this.sessions = sessions;
        this.clients = clients;
    }


    byte[] body() {
        OllamaState state = backends.state();
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("status", "up");
        server.put("version", serverName);
        server.put("uptimeSeconds", Duration.between(startedAt, Instant.now()).toSeconds());
        server.put("connections", clients.size());
        server.put("sessions", sessions.size());
        server.put("queued", scheduler.queueLength());
        server.put("generating", scheduler.running());
        Map<String, Object> ollama = new LinkedHashMap<>();
        ollama.put("available", state.status().available());
        ollama.put("reason", state.status().reason());
        ollama.put("models", state.models().stream().map(ModelInfo::name).toList());
        ollama.put("backends", backends.backends().stream().map(HealthEndpoint::describe).toList());
        StoreHealth health = store.get();
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("kind", health.kind());
        stored.put("ok", health.ok());
        stored.put("lastError", health.lastError());
        stored.put("failingSince", health.failingSince() == null ? null : health.failingSince().toString());
        stored.put("waitingWrites", health.waitingWrites());
        stored.put("failures", health.failures());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("server", server);
        body.put("ollama", ollama);
        body.put("store", stored);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> describe(Backend backend) {
        OllamaState state = backend.state();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", backend.name());
        out.put("available", state.status().available());
        out.put("reason", state.status().reason());
        out.put("models", state.models().stream().map(ModelInfo::name).toList());
        out.put("loaded", List.copyOf(state.loaded()));
        out.put("repliesStreaming", backend.client().openChatConnections());
        out.put("checkedAt", state.checkedAt() == null ? null : state.checkedAt().toString());
        return out;
    }
}
