package io.lanchat.server.monitor;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.server.ollama.HttpReply;
import io.lanchat.server.ollama.InstalledModel;
import io.lanchat.server.ollama.ModelNames;
import io.lanchat.server.ollama.ModelTraits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns each installed model's capabilities and context length: from {@code /api/tags} when the entry says both,
 * else from one {@code /api/show}, remembered per model digest so that the next probe does not ask again (a new
 * pull changes the digest, and so asks again). A failed {@code /api/show} is not remembered: the model stays
 * listed without capabilities until a later probe learns them.
 *
 * <p>Thread-safe: answers may complete on any thread.
 */
final class ModelTraitsCache {
    private static final Logger log = LoggerFactory.getLogger(ModelTraitsCache.class);

    private final OllamaProbe probe;
    private final Map<String, ModelTraits> known = new ConcurrentHashMap<>();

    ModelTraitsCache(OllamaProbe probe) {
        this.probe = probe;
    }

    /** The models with their traits filled in where they could be learned; never completes exceptionally. */
    CompletableFuture<List<ModelInfo>> describe(List<InstalledModel> models) {
        Set<String> current = models.stream().map(ModelTraitsCache::key).collect(Collectors.toSet());
        known.keySet().retainAll(current);          // removed or re-pulled models: forget the old digests
        List<CompletableFuture<ModelInfo>> parts = new ArrayList<>();
        for (InstalledModel model : models) {
            parts.add(describe(model));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(done -> parts.stream().map(CompletableFuture::join).toList());
    }

    /** How many models' traits are remembered (for tests). */
    int size() {
        return known.size();
    }

    private CompletableFuture<ModelInfo> describe(InstalledModel model) {
        ModelInfo info = model.info();
        if (model.fullyDescribed()) {
            return CompletableFuture.completedFuture(info);
        }
        String key = key(model);
        ModelTraits cached = known.get(key);
        if (cached != null) {
            return CompletableFuture.completedFuture(apply(info, cached));
        }
        CompletableFuture<HttpReply> asked;
        try {
            asked = probe.show(info.name());
        } catch (RuntimeException e) {
            asked = CompletableFuture.failedFuture(e);
        }
        return asked.handle((reply, error) -> learned(model, key, reply, error));
    }

    private ModelInfo learned(InstalledModel model, String key, HttpReply reply, Throwable error) {
        ModelInfo info = model.info();
        if (error != null || reply.status() != 200) {
            log.debug("/api/show for {} failed: {}", info.name(), error != null ? error.toString() : reply.status());
            return info;
        }
        try {
            ModelTraits traits = ModelTraits.parseShow(reply.body());
            known.put(key, traits);
            return apply(info, traits);
        } catch (java.io.IOException e) {
            log.debug("/api/show for {} was unreadable: {}", info.name(), e.toString());
            return info;
        }
    }

    /** What /api/show says wins; a context length only the tags entry gave is kept. */
    private static ModelInfo apply(ModelInfo info, ModelTraits traits) {
        Integer context = traits.contextLength() != null ? traits.contextLength() : info.contextLength();
        return info.withTraits(traits.capabilities(), context).withThinkLevels(traits.thinkLevels());
    }

    private static String key(InstalledModel model) {
        return model.digest() != null && !model.digest().isBlank() ? model.digest()
                : "name:" + ModelNames.normalize(model.info().name());
    }
}
