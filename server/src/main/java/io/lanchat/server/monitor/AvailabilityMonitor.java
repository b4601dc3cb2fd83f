package io.lanchat.server.monitor;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.OllamaStatus;
import io.lanchat.server.ollama.HttpReply;
import io.lanchat.server.ollama.OllamaClient;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes Ollama's {@code GET /api/tags} every interval while it is up, and with doubling backoff while it is
 * down; chat failures that show Ollama is gone are reported here too, so every client learns at once.
 *
 * <p>All state changes happen on one event loop, so no locks; {@link #state()} may be read from any thread.
 */
public final class AvailabilityMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AvailabilityMonitor.class);

    private final OllamaClient client;
    private final EventLoop loop;
    private final Duration interval;
    private final Duration maxBackoff;
    private final Duration probeTimeout;
    private final List<AvailabilityListener> listeners = new CopyOnWriteArrayList<>();
    private volatile OllamaState state;
    private Duration backoff;
    private ScheduledFuture<?> nextProbe;
    private boolean probing;
    private boolean closed;

    public AvailabilityMonitor(OllamaClient client, EventLoop loop, Duration interval, Duration maxBackoff,
                               Duration probeTimeout) {
        this.client = client;
        this.loop = loop;
        this.interval = interval;
        this.maxBackoff = maxBackoff;
        this.probeTimeout = probeTimeout;
        this.backoff = interval;
        this.state = new OllamaState(new OllamaStatus(false, "Checking Ollama at " + client.endpoint() + "…"),
                List.of(), Set.of(), null);
    }

    public OllamaClient client() {
        return client;
    }

    public void addListener(AvailabilityListener listener) {
        listeners.add(listener);
    }

    /** Starts probing now. */
    public void start() {
        loop.execute(this::probe);
    }

    public OllamaState state() {
        return state;
    }

    public boolean isAvailable() {
        return state.status().available();
    }

    /** A chat could not reach Ollama: mark it unavailable now and probe again soon. Any thread. */
    public void reportUnreachable(String reason) {
        loop.execute(() -> {
            if (closed) {
                return;
            }
            apply(new OllamaStatus(false, reason), List.of(), Set.of());
            probeAfter(interval);
        });
    }

    /** Something suggests Ollama is back (or was never gone): probe now rather than at the next tick. Any thread. */
    public void probeSoon() {
        loop.execute(() -> probeAfter(Duration.ZERO));
    }

    private void probeAfter(Duration delay) {
        if (closed || probing) {
            return;
        }
        if (nextProbe != null) {
            nextProbe.cancel(false);
        }
        nextProbe = loop.schedule(this::probe, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void probe() {
        if (closed || probing) {
            return;
        }
        probing = true;
        client.get(loop, "/api/tags", probeTimeout).whenComplete((reply, error) -> {
            // The future completes on our loop (the client runs on it), but hop anyway to be sure of confinement.
            loop.execute(() -> probed(reply, error));
        });
    }

    private void probed(HttpReply reply, Throwable error) {
        probing = false;
        if (closed) {
            return;
        }
        if (error == null && reply.status() == 200) {
            try {
                List<ModelInfo> models = OllamaClient.parseTags(reply.body());
                probing = true;
                // Which models are resident tells the scheduler where a request starts without a model load.
                client.get(loop, "/api/ps", probeTimeout).whenComplete((ps, psError) -> loop.execute(() -> {
                    probing = false;
                    Set<String> loaded = psError == null && ps.status() == 200 ? OllamaClient.parseLoaded(ps.body())
                            : Set.of();
                    if (!closed) {
                        apply(new OllamaStatus(true, "Ollama is running at " + client.endpoint() + " with "
                                + models.size() + (models.size() == 1 ? " model." : " models.")), models, loaded);
                        backoff = interval;
                        probeAfter(interval);
                    }
                }));
                return;
            } catch (java.io.IOException e) {
                error = e;
            }
        }
        String reason = error != null ? describe(error)
                : "Ollama at " + client.endpoint() + " answered HTTP " + reply.status() + " to /api/tags.";
        apply(new OllamaStatus(false, reason), List.of(), Set.of());
        probeAfter(backoff);
        backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    }

    private void apply(OllamaStatus status, List<ModelInfo> models, Set<String> loaded) {
        OllamaState before = state;
        state = new OllamaState(status, models, loaded, Instant.now());
        if (before.status().available() != status.available() || before.checkedAt() == null) {
            log.info("Ollama {}: {}", status.available() ? "available" : "unavailable", status.reason());
            listeners.forEach(l -> l.availabilityChanged(status));
        }
        if (!before.models().equals(models)) {
            listeners.forEach(l -> l.modelsChanged(models));
        }
    }

    private String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ConnectTimeoutException || cause instanceof TimeoutException) {
            return "Ollama at " + client.endpoint() + " did not answer within " + probeTimeout.toMillis()
                    + " ms (timeout). Check that it is up and not overloaded.";
        }
        if (cause instanceof ConnectException) {
            return "Ollama is not running at " + client.endpoint() + " (connection refused). Start it with"
                    + " `ollama serve`, or point this server at it with OLLAMA_HOST.";
        }
        if (cause instanceof java.io.IOException && cause.getMessage() != null
                && cause.getMessage().contains("not valid")) {
            return "Ollama at " + client.endpoint() + " sent an unreadable model list.";
        }
        return "Cannot reach Ollama at " + client.endpoint() + " (" + cause.getMessage() + ").";
    }

    @Override
    public void close() {
        loop.execute(() -> {
            closed = true;
            if (nextProbe != null) {
                nextProbe.cancel(false);
            }
        });
    }
}
