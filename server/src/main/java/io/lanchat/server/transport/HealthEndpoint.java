package io.lanchat.server.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanchat.protocol.ModelInfo;
import io.lanchat.server.monitor.AvailabilityMonitor;
import io.lanchat.server.monitor.OllamaState;
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
    private final String ollamaUrl;

    public HealthEndpoint(String serverName, AvailabilityMonitor monitor, SessionStore sessions,
                          ClientRegistry clients, String ollamaUrl) {
        this.serverName = serverName;
        this.monitor = monitor;
        this.sessions = sessions;
        this.clients = clients;
        this.ollamaUrl = ollamaUrl;
    }

    byte[] body() {
        OllamaState ollama = monitor.state();
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("status", "up");
        server.put("version", serverName);
        server.put("uptimeSeconds", Duration.between(startedAt, Instant.now()).toSeconds());
        server.put("connections", clients.size());
        server.put("sessions", sessions.size());
        Map<String, Object> upstream = new LinkedHashMap<>();
        upstream.put("url", ollamaUrl);
        upstream.put("available", ollama.status().available());
        upstream.put("reason", ollama.status().reason());
        upstream.put("models", ollama.models().stream().map(ModelInfo::name).toList());
        upstream.put("checkedAt", ollama.checkedAt() == null ? null : ollama.checkedAt().toString());
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
