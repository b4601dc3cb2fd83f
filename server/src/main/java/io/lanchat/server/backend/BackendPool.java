package io.lanchat.server.backend;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.OllamaStatus;
import io.lanchat.server.monitor.AvailabilityListener;
import io.lanchat.server.monitor.OllamaState;
import io.lanchat.server.ollama.ModelNames;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * All configured Ollama backends seen as one service: available while any backend is, offering every model
 * installed on a backend that is up. While none is up, the model list stays the last one seen: an outage is then
 * one {@code availability} broadcast rather than two (the list would empty and fill again), and clients keep the
 * user's model choice for when Ollama returns. Listeners hear about changes of this combined view only.
 *
 * <p>Each backend's monitor runs on its own loop; the combining runs on one loop of its own, in the order the
 * changes happened, so that the last broadcast always carries the latest state (combined on each monitor's
 * thread, two changes at once could be broadcast in the opposite order). Thread-safe.
 */
public final class BackendPool {
    private final EventLoop loop;
    private final List<Backend> backends;
    private final List<AvailabilityListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeHooks = new CopyOnWriteArrayList<>();
    /** Written on {@link #loop} only. */
    private volatile OllamaState combined;

    /**
     * @param loop where the backends' states are combined and listeners are called
     */
    public BackendPool(EventLoop loop, List<Backend> backends) {
        this.loop = loop;
        this.backends = List.copyOf(backends);
        this.combined = combine();
        for (Backend backend : backends) {
            backend.monitor().addListener(new AvailabilityListener() {
                @Override
                public void availabilityChanged(OllamaStatus status) {
                    // covered by checked(), which follows every change
                }

                @Override
                public void modelsChanged(List<ModelInfo> models) {
                    // covered by checked()
                }

                @Override
                public void checked(OllamaState state) {
                    loop.execute(BackendPool.this::recombine);
                }
            });
        }
    }

    public List<Backend> backends() {
        return backends;
    }

    /** Hears about changes of the combined state. */
    public void addListener(AvailabilityListener listener) {
        listeners.add(listener);
    }

    /** Runs after any backend's state was checked, changed or not (e.g. to let the queue dispatch). */
    public void onChange(Runnable hook) {
        changeHooks.add(hook);
    }

    public void start() {
        backends.forEach(b -> b.monitor().start());
    }

    public void close() {
        backends.forEach(b -> b.monitor().close());
    }

    /** The combined state: available while any backend is, with the models installed anywhere. */
    public OllamaState state() {
        return combined;
    }

    public boolean isAvailable() {
        return state().status().available();
    }

    /** Asks every backend to probe now. */
    public void probeSoon() {
        backends.forEach(b -> b.monitor().probeSoon());
    }

    /** How many backends that are up have this model. */
    public int backendsWith(String model) {
        return (int) backends.stream()
                .filter(b -> b.state().status().available() && b.state().hasModel(model))
                .count();
    }

    private void recombine() {
        OllamaState before = combined;
        OllamaState after = combine();
        combined = after;
        if (before.status().available() != after.status().available()
                || !before.status().backendsUp().equals(after.status().backendsUp())) {
            listeners.forEach(l -> l.availabilityChanged(after.status()));
        }
        if (!before.models().equals(after.models())) {
            listeners.forEach(l -> l.modelsChanged(after.models()));
        }
        changeHooks.forEach(Runnable::run);
    }

    private OllamaState combine() {
        List<Backend> up = backends.stream().filter(b -> b.state().status().available()).toList();
        Map<String, ModelInfo> models = new LinkedHashMap<>();
        for (Backend backend : up) {
            for (ModelInfo model : backend.state().models()) {
                models.putIfAbsent(ModelNames.normalize(model.name()), model);
            }
        }
        List<ModelInfo> sorted = new ArrayList<>(models.values());
        sorted.sort(Comparator.comparing(ModelInfo::name));
        if (up.isEmpty() && combined != null) {
            sorted = combined.models();         // nothing reachable: keep the last list seen
        }
        String reason;
        if (backends.size() == 1) {
            reason = backends.get(0).state().status().reason();
        } else if (up.isEmpty()) {
            reason = "None of the " + backends.size() + " Ollama backends is reachable. "
                    + backends.get(0).state().status().reason();
        } else {
            reason = up.size() + " of " + backends.size() + " Ollama backends are up, with " + sorted.size()
                    + (sorted.size() == 1 ? " model." : " models.");
        }
        boolean checked = backends.stream().anyMatch(b -> b.state().checkedAt() != null);
        return new OllamaState(new OllamaStatus(!up.isEmpty(), reason, up.size(), backends.size()), sorted, Set.of(),
                checked ? java.time.Instant.now() : null);
    }
}
