package io.lanchat.server.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanchat.protocol.ModelInfo;
import io.lanchat.server.monitor.AvailabilityMonitor;
import io.lanchat.server.monitor.OllamaState;
import io.lanchat.server.ollama.OllamaClient;
import io.lanchat.server.session.SessionStore;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the {@code GET /healthz} body: the server's state and what it knows of Ollama. */
public final class HealthEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String serverName;
    private final Instant startedAt = Instant.now();
    private final AvailabilityMonitor monitor;
    private final SessionStore sessions;
    private final ClientRegistry clients;
    private final OllamaClient ollama;

    public HealthEndpoint(String serverName, AvailabilityMonitor monitor, SessionStore sessions,
                          ClientRegistry clients, OllamaClient ollama) {
        this.serverName = serverName;
        this.monitor = monitor;
        this.sessions = sessions;
        this.clients = clients;
        this.ollama = ollama;
    }

    byte[] body() {
        OllamaState state = monitor.state();
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("status", "up");
        server.put("version", serverName);
        server.put("uptimeSeconds", Duration.between(startedAt, Instant.now()).toSeconds());
        server.put("connections", clients.size());
        server.put("sessions", sessions.size());
        Map<String, Object> upstream = new LinkedHashMap<>();
        upstream.put("url", ollama.endpoint().toString());
        upstream.put("available", state.status().available());
        upstream.put("reason", state.status().reason());
        upstream.put("models", state.models().stream().map(ModelInfo::name).toList());
        upstream.put("repliesStreaming", ollama.openChatConnections());
        upstream.put("checkedAt", state.checkedAt() == null ? null : state.checkedAt().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("server", server);
        body.put("ollama", upstream);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
