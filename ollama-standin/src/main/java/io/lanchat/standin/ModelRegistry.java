package io.lanchat.standin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The installed models ({@code /api/tags}) and the loaded ones ({@code /api/ps}); thread-safe
 * because handlers and the test thread touch it concurrently.
 */
final class ModelRegistry {

    private final Clock clock;
    private final Map<String, ModelInfo> installed = new LinkedHashMap<>();
    private final Set<String> loaded = new LinkedHashSet<>();

    ModelRegistry(Clock clock) {
        this.clock = clock;
    }

    synchronized void setInstalled(String... names) {
        installed.clear();
        for (String name : names) {
            add(name);
        }
        loaded.retainAll(installed.keySet());
    }

    /** Installs a model (as a pull does); an already installed one keeps its attributes. */
    synchronized void add(String name) {
        installed.putIfAbsent(ModelInfo.key(name), ModelInfo.of(name, clock.instant()));
    }

    /** Gives a model (installing it if needed) capabilities and a context length. */
    synchronized void setTraits(String name, List<String> capabilities, int contextLength) {
        add(name);
        installed.computeIfPresent(ModelInfo.key(name), (k, m) -> m.withTraits(capabilities, contextLength));
    }

    /** Makes a model (installing it if needed) think as {@code style}. */
    synchronized void setThinking(String name, Thinking style) {
        add(name);
        installed.computeIfPresent(ModelInfo.key(name), (k, m) -> m.withThinking(style));
    }

    /** Installs a model that runs on {@code host} rather than here, as a {@code :cloud} model does. */
    synchronized void addRemote(String name, String host) {
        add(name);
        installed.computeIfPresent(ModelInfo.key(name), (k, m) -> m.asRemote(host));
    }

    synchronized boolean remove(String name) {
        loaded.remove(ModelInfo.key(name));
        return installed.remove(ModelInfo.key(name)) != null;
    }

    synchronized List<ModelInfo> installed() {
        return List.copyOf(installed.values());
    }

    synchronized Optional<ModelInfo> find(String name) {
        return Optional.ofNullable(installed.get(ModelInfo.key(name)));
    }

    /** Replaces what {@code /api/ps} reports; names that are not installed are installed too. */
    synchronized void setLoaded(String... names) {
        loaded.clear();
        for (String name : names) {
            add(name);
            loaded.add(ModelInfo.key(name));
        }
    }

    synchronized void markLoaded(String name) {
        if (installed.containsKey(ModelInfo.key(name))) {
            loaded.add(ModelInfo.key(name));
        }
    }

    synchronized void unload(String name) {
        loaded.remove(ModelInfo.key(name));
    }

    synchronized List<ModelInfo> loaded() {
        List<ModelInfo> result = new ArrayList<>();
        for (String key : loaded) {
            result.add(installed.get(key));
        }
        return result;
    }
}
