package io.lanchat.server.monitor;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.OllamaStatus;
import io.lanchat.server.ollama.Failures;
import io.lanchat.server.ollama.HttpReply;
import io.lanchat.server.ollama.InstalledModel;
import io.lanchat.server.ollama.ModelNames;
import io.lanchat.server.ollama.OllamaClient;
import io.lanchat.server.ollama.OllamaEndpoint;
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
 * down; chat failures that show Ollama is gone are reported here too, so every client learns at once. Requests
 * for an early probe coalesce and never break the backoff, however many refused chats ask.
 *
 * <p>All state changes happen on one event loop, so no locks; {@link #state()} may be read from any thread.
 */
public final class AvailabilityMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AvailabilityMonitor.class);
    /** The closest together two probes asked for with {@link #probeSoon()} may be while Ollama is up. */
    private static final Duration SOON_SPACING = Duration.ofSeconds(1);

    private final OllamaEndpoint endpoint;
    private final OllamaProbe probe;
    private final EventLoop loop;
    private final Duration interval;
    private final Duration maxBackoff;
    private final Duration probeTimeout;
    private final boolean allowCloud;
    private final ModelTraitsCache traits;
    private final List<AvailabilityListener> listeners = new CopyOnWriteArrayList<>();
    private volatile OllamaState state;
    private Duration backoff;
    private ScheduledFuture<?> nextProbe;
    private long nextProbeNanos;
    private long lastProbeNanos;
    private boolean probing;
    private boolean closed;

    /** A monitor that hides cloud models (see the constructor with {@code allowCloud}). */
    public AvailabilityMonitor(OllamaClient client, EventLoop loop, Duration interval, Duration maxBackoff,
                               Duration probeTimeout) {
        this(client, loop, interval, maxBackoff, probeTimeout, false);
    }

    /** @param allowCloud list cloud models (run on ollama.com) as usable; otherwise they are hidden */
    public AvailabilityMonitor(OllamaClient client, EventLoop loop, Duration interval, Duration maxBackoff,
                               Duration probeTimeout, boolean allowCloud) {
        this(client.endpoint(), new OllamaProbe() {
            @Override
            public java.util.concurrent.CompletableFuture<HttpReply> get(String apiPath) {
                return client.get(loop, apiPath, probeTimeout);
            }

            @Override
            public java.util.concurrent.CompletableFuture<HttpReply> show(String model) {
                return client.show(loop, model, probeTimeout);
            }
        }, loop, interval, maxBackoff, probeTimeout, allowCloud);
    }

    public AvailabilityMonitor(OllamaEndpoint endpoint, OllamaProbe probe, EventLoop loop, Duration interval,
                               Duration maxBackoff, Duration probeTimeout) {
        this(endpoint, probe, loop, interval, maxBackoff, probeTimeout, false);
    }

    /**
     * @param endpoint     named in the reasons given to users
     * @param probe        asks Ollama; completes on any thread
     * @param loop         where all of this monitor's state lives; its ticker is the monitor's clock
     * @param probeTimeout how long {@code probe} waits, named in the reason when it runs out
     * @param allowCloud   list cloud models as usable; otherwise they are hidden from the state's models
     */
    public AvailabilityMonitor(OllamaEndpoint endpoint, OllamaProbe probe, EventLoop loop, Duration interval,
                               Duration maxBackoff, Duration probeTimeout, boolean allowCloud) {
        this.endpoint = endpoint;
        this.probe = probe;
        this.allowCloud = allowCloud;
        this.traits = new ModelTraitsCache(probe);
        this.loop = loop;
        this.interval = interval;
        this.maxBackoff = maxBackoff;
        this.probeTimeout = probeTimeout;
        this.backoff = interval;
        this.state = new OllamaState(new OllamaStatus(false, "Checking Ollama at " + endpoint + "…"),
                List.of(), Set.of(), null);
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

    /**
     * A chat could not reach Ollama: mark it unavailable now and make sure a probe follows within one interval
     * (many failures at once do not postpone it). Any thread.
     */
    public void reportUnreachable(String reason) {
        loop.execute(() -> {
            if (closed) {
                return;
            }
            apply(new OllamaStatus(false, reason), List.of(), Set.of());
            probeNoLaterThan(now() + interval.toNanos());
        });
    }

    /**
     * Something suggests Ollama is back, or its models changed: probe soon rather than at the next tick. Every
     * refused chat asks this, so requests coalesce: while a probe is in flight its answer is the one asked for;
     * while Ollama is down the backoff is kept (the probe already scheduled is the soonest allowed); while it is up,
     * probes stay at least {@link #SOON_SPACING} (or the interval, if shorter) apart. Any thread.
     */
    public void probeSoon() {
        loop.execute(() -> {
            if (closed || probing || !state.status().available()) {
                return;
            }
            long spacing = Math.min(interval.toNanos(), SOON_SPACING.toNanos());
            probeNoLaterThan(Math.max(now(), lastProbeNanos + spacing));
        });
    }

    /** Brings the next probe forward to {@code deadline} when it is due later; never pushes it back. */
    private void probeNoLaterThan(long deadline) {
        if (closed || probing || (nextProbe != null && !nextProbe.isDone() && nextProbeNanos <= deadline)) {
            return;
        }
        probeAfter(Duration.ofNanos(Math.max(0, deadline - now())));
    }

    private void probeAfter(Duration delay) {
        if (closed || probing) {
            return;
        }
        if (nextProbe != null) {
            nextProbe.cancel(false);
        }
        nextProbeNanos = now() + delay.toNanos();
        nextProbe = loop.schedule(this::probe, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The loop's clock: the system's in production, a hand-moved one in tests. */
    private long now() {
        return loop.ticker().nanoTime();
    }

    private void probe() {
        if (closed || probing) {
            return;
        }
        probing = true;
        lastProbeNanos = now();
        probe.get("/api/tags").whenComplete((reply, error) -> {
            // The real client completes on our loop, but a probe may complete anywhere: hop to stay confined.
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
                List<InstalledModel> installed = InstalledModel.parseTags(reply.body());
                probing = true;
                // Capabilities come from the tags or one /api/show per new digest; each show has its deadline.
                traits.describe(installed).whenComplete((models, never) -> loop.execute(() -> described(models)));
                return;
            } catch (java.io.IOException e) {
                error = e;
            }
        }
        String reason = error != null ? describe(error)
                : "Ollama at " + endpoint + " answered HTTP " + reply.status() + " to /api/tags.";
        apply(new OllamaStatus(false, reason), List.of(), Set.of());
        probeAfter(backoff);
        backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    }

    private void described(List<ModelInfo> all) {
        if (closed) {
            probing = false;
            return;
        }
        List<ModelInfo> models = allowCloud ? all : all.stream().filter(m -> !m.remote()).toList();
        Set<String> hidden = allowCloud ? Set.of() : all.stream().filter(ModelInfo::remote)
                .map(m -> ModelNames.normalize(m.name())).collect(java.util.stream.Collectors.toSet());
        // Which models are resident tells the scheduler where a request starts without a model load.
        probe.get("/api/ps").whenComplete((ps, psError) -> loop.execute(() -> {
            probing = false;
            Set<String> loaded = psError == null && ps.status() == 200 ? OllamaClient.parseLoaded(ps.body())
                    : Set.of();
            if (!closed) {
                apply(new OllamaStatus(true, "Ollama is running at " + endpoint + " with "
                        + models.size() + (models.size() == 1 ? " model." : " models.")), models, loaded, hidden);
                backoff = interval;
                probeAfter(interval);
            }
        }));
    }

    private void apply(OllamaStatus status, List<ModelInfo> models, Set<String> loaded) {
        apply(status, models, loaded, Set.of());
    }

    private void apply(OllamaStatus status, List<ModelInfo> models, Set<String> loaded, Set<String> hidden) {
        OllamaState before = state;
        state = new OllamaState(status, models, loaded, Instant.now(), hidden);
        if (before.status().available() != status.available() || before.checkedAt() == null) {
            log.info("Ollama {}: {}", status.available() ? "available" : "unavailable", status.reason());
            listeners.forEach(l -> l.availabilityChanged(status));
        }
        if (!before.models().equals(models)) {
            listeners.forEach(l -> l.modelsChanged(models));
        }
        OllamaState now = state;
        listeners.forEach(l -> l.checked(now));
    }

    private String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ConnectTimeoutException || cause instanceof TimeoutException) {
            return "Ollama at " + endpoint + " did not answer within " + probeTimeout.toMillis()
                    + " ms (timeout). Check that it is up and not overloaded.";
        }
        if (cause instanceof ConnectException) {
            return Failures.notRunning(endpoint);
        }
        if (cause instanceof java.io.IOException && cause.getMessage() != null
                && cause.getMessage().contains("not valid")) {
            return "Ollama at " + endpoint + " sent an unreadable model list.";
        }
        return "Cannot reach Ollama at " + endpoint + " (" + cause.getMessage() + ").";
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
