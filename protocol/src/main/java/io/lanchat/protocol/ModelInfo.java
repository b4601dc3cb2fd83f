package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One model installed in Ollama, as {@code /api/tags} and {@code /api/show} describe it.
 *
 * @param name           the name to use in {@link ChatRequest#model()}, e.g. {@code llama3:8b}
 * @param sizeBytes      size on disk in bytes
 * @param family         model family, e.g. {@code llama}; may be null
 * @param parameterSize  e.g. {@code 8.0B}; may be null
 * @param quantization   e.g. {@code Q4_0}; may be null
 * @param capabilities   what Ollama says the model can do, e.g. {@code completion}, {@code vision},
 *                       {@code thinking}, {@code tools}; null while unknown (Ollama could not be asked)
 * @param contextLength  the longest context the model was trained for, in tokens; null while unknown
 * @param remote         true for a model that runs on ollama.com rather than on the LAN (a cloud model);
 *                       written only when true
 * @param thinkLevels    for a thinking model that takes named levels only (gpt-oss), the levels Ollama lists for it,
 *                       e.g. {@code low}, {@code medium}, {@code high}; null for on/off thinking or none
 */
public record ModelInfo(String name, long sizeBytes, String family, String parameterSize, String quantization,
                        List<String> capabilities, Integer contextLength,
                        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean remote, List<String> thinkLevels) {
    public ModelInfo {
        requireNonNull(name, "name");
        capabilities = capabilities == null ? null : List.copyOf(capabilities);
        thinkLevels = thinkLevels == null || thinkLevels.isEmpty() ? null : List.copyOf(thinkLevels);
    }

    /** A model without named thinking levels. */
    public ModelInfo(String name, long sizeBytes, String family, String parameterSize, String quantization,
                     List<String> capabilities, Integer contextLength, boolean remote) {
        this(name, sizeBytes, family, parameterSize, quantization, capabilities, contextLength, remote, null);
    }

    /** A local model whose capabilities and context length are not known (the shape before they existed). */
    public ModelInfo(String name, long sizeBytes, String family, String parameterSize, String quantization) {
        this(name, sizeBytes, family, parameterSize, quantization, null, null, false);
    }

    /** The same model with the capabilities and context length Ollama reported. */
    public ModelInfo withTraits(List<String> newCapabilities, Integer newContextLength) {
        return new ModelInfo(name, sizeBytes, family, parameterSize, quantization, newCapabilities, newContextLength,
                remote, thinkLevels);
    }

    /** The same model with the named thinking levels Ollama listed for it (null or empty: none). */
    public ModelInfo withThinkLevels(List<String> levels) {
        return new ModelInfo(name, sizeBytes, family, parameterSize, quantization, capabilities, contextLength,
                remote, levels);
    }

    /** The same model, marked as running on ollama.com or not. */
    public ModelInfo withRemote(boolean isRemote) {
        return new ModelInfo(name, sizeBytes, family, parameterSize, quantization, capabilities, contextLength,
                isRemote, thinkLevels);
    }

    /** Whether Ollama listed {@code capability} for this model; false while capabilities are unknown. */
    public boolean has(String capability) {
        return capabilities != null && capabilities.contains(capability);
    }
}
