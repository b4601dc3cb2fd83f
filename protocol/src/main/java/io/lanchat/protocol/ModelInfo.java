package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * One model installed in Ollama, as {@code /api/tags} describes it.
 *
 * @param name           the name to use in {@link ChatRequest#model()}, e.g. {@code llama3:8b}
 * @param sizeBytes      size on disk in bytes
 * @param family         model family, e.g. {@code llama}; may be null
 * @param parameterSize  e.g. {@code 8.0B}; may be null
 * @param quantization   e.g. {@code Q4_0}; may be null
 */
public record ModelInfo(String name, long sizeBytes, String family, String parameterSize, String quantization) {
    public ModelInfo {
        requireNonNull(name, "name");
    }
}
