package io.lanchat.server.ollama;

import io.lanchat.protocol.ModelInfo;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/**
 * One entry of {@code /api/tags}: the model as clients see it, plus what the server needs to learn the rest.
 *
 * @param info   name, size, details; capabilities and context length when the entry carried them; remote marked
 * @param digest Ollama's content digest, which changes when the model is pulled again; null when Ollama gave none
 */
public record InstalledModel(ModelInfo info, String digest) {

    /** Whether the entry already says everything {@code /api/show} would (newer Ollama can list both). */
    public boolean fullyDescribed() {
        return info.capabilities() != null && info.contextLength() != null;
    }

    /** The installed models in an {@code /api/tags} body, sorted by name. */
    public static List<InstalledModel> parseTags(String body) throws IOException {
        OllamaTags tags = OllamaJson.TAGS_READER.readValue(body);
        if (tags == null || tags.models() == null) {
            return List.of();
        }
        return tags.models().stream()
                .filter(m -> m.name() != null || m.model() != null)
                .map(InstalledModel::of)
                .sorted(Comparator.comparing(m -> m.info().name()))
                .toList();
    }

    private static InstalledModel of(OllamaTags.Model m) {
        String name = m.name() != null ? m.name() : m.model();
        OllamaTags.Details d = m.details();
        // Cloud models are named so, and newer Ollama also says where they run.
        boolean remote = ModelNames.isCloud(name) || (m.remoteHost() != null && !m.remoteHost().isBlank());
        ModelInfo info = new ModelInfo(name, m.size() == null ? 0 : m.size(),
                d == null ? null : d.family(), d == null ? null : d.parameterSize(),
                d == null ? null : d.quantizationLevel(), m.capabilities(),
                d == null ? null : d.contextLength(), remote);
        return new InstalledModel(info, m.digest());
    }
}
