package io.lanchat.server.backend;

import io.lanchat.server.monitor.OllamaState;
import io.lanchat.server.ollama.ModelNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The generation slots of every backend: at most {@code parallel} per backend and model. Also remembers backends
 * that just failed a job before its first token: such a backend gets no new job until its monitor has learned
 * something newer about it, because the failure reaches the monitor on another loop, after the slot it freed
 * would already have gone to the next job in line (which would then fail the same way).
 *
 * <p>Thread-safe: slots are reserved from any thread (a job granted at once) and freed on the scheduler's loop.
 */
final class BackendSlots {
    private final BackendPool pool;
    private final int parallel;
    /** Slots in use per backend and normalized model. */
    private final Map<Backend, Map<String, AtomicInteger>> busy = new ConcurrentHashMap<>();
    /** Backends that failed a job, with the state their monitor had then. */
    private final Map<Backend, OllamaState> suspects = new ConcurrentHashMap<>();

    BackendSlots(BackendPool pool, int parallel) {
        this.pool = pool;
        this.parallel = parallel;
    }

    /**
     * Takes a slot for the job on the best backend that has one: up, with the model, neither excluded for the job
     * nor suspect; preferring one where the model is already loaded (no reload thrash), then the least busy.
     * Null when none is free.
     */
    Backend reserve(Job job) {
        String model = ModelNames.normalize(job.model);
        // What each backend offers, read once: other threads may change it while this sorts.
        List<Backend> candidates = new ArrayList<>();
        Map<Backend, Boolean> cold = new HashMap<>();
        Map<Backend, Integer> load = new HashMap<>();
        for (Backend backend : pool.backends()) {
            OllamaState state = backend.state();
            if (!job.excluded.contains(backend) && !isSuspect(backend, state) && state.status().available()
                    && state.hasModel(job.model)) {
                candidates.add(backend);
                cold.put(backend, !state.isLoaded(job.model));
                load.put(backend, running(backend));
            }
        }
        candidates.sort(Comparator.comparing(cold::get).thenComparing(load::get));
        for (Backend backend : candidates) {
            AtomicInteger slots = busy.computeIfAbsent(backend, b -> new ConcurrentHashMap<>())
                    .computeIfAbsent(model, m -> new AtomicInteger());
            if (slots.getAndUpdate(n -> n < parallel ? n + 1 : n) < parallel) {
                return backend;
            }
        }
        return null;
    }

    int parallel() {
        return parallel;
    }

    void free(Backend backend, String model) {
        busy.get(backend).get(ModelNames.normalize(model)).decrementAndGet();
    }

    /** The backend failed a job before its first token: keep new jobs away until its monitor knows more. */
    void suspect(Backend backend) {
        suspects.put(backend, backend.state());
    }

    /** Whether no backend that is up and has the job's model is left for it (all of them failed it already). */
    boolean noneLeftFor(Job job) {
        return pool.backends().stream()
                .filter(b -> b.state().status().available() && b.state().hasModel(job.model))
                .allMatch(job.excluded::contains);
    }

    int running() {
        return busy.keySet().stream().mapToInt(this::running).sum();
    }

    int running(Backend backend) {
        Map<String, AtomicInteger> counts = busy.get(backend);
        return counts == null ? 0 : counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private boolean isSuspect(Backend backend, OllamaState now) {
        OllamaState then = suspects.get(backend);
        if (then == null) {
            return false;
        }
        if (then == now) {
            return true;                    // no probe has finished since the failure
        }
        suspects.remove(backend, then);
        return false;
    }
}
