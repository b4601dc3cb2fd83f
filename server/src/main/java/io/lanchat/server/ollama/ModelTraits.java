package io.lanchat.server.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What {@code /api/show} says a model can do and how long a context it takes.
 *
 * @param capabilities  e.g. {@code completion}, {@code vision}; empty when Ollama listed none
 * @param contextLength in tokens; null when {@code model_info} has no {@code *.context_length}
 * @param thinkLevels   the named levels among {@code thinking.values} (gpt-oss: low, medium, high); empty for a
 *                      model that takes on/off, or when Ollama gave no thinking metadata
 */
public record ModelTraits(List<String> capabilities, Integer contextLength, List<String> thinkLevels) {
    public ModelTraits {
        capabilities = List.copyOf(capabilities);
        thinkLevels = List.copyOf(thinkLevels);
    }

    public ModelTraits(List<String> capabilities, Integer contextLength) {
        this(capabilities, contextLength, List.of());
    }

    /** Reads an {@code /api/show} body; an unreadable one is an {@link IOException}. */
    public static ModelTraits parseShow(String body) throws IOException {
        OllamaShow show = OllamaJson.SHOW_READER.readValue(body);
        if (show == null) {
            throw new IOException("empty /api/show answer");
        }
        List<String> capabilities = show.capabilities() == null ? List.of()
                : show.capabilities().stream().filter(c -> c != null && !c.isBlank()).toList();
        return new ModelTraits(capabilities, contextLength(show.modelInfo()), thinkLevels(show.thinking()));
    }

    private static List<String> thinkLevels(JsonNode thinking) {
        JsonNode values = thinking == null ? null : thinking.get("values");
        if (values == null || !values.isArray()) {
            return List.of();
        }
        java.util.ArrayList<String> levels = new java.util.ArrayList<>();
        values.forEach(v -> {
            if (v.isTextual() && !v.asText().isBlank()) {
                levels.add(v.asText());
            }
        });
        return levels;
    }

    /**
     * {@code <architecture>.context_length}, as {@code general.architecture} names it; failing that, the one
     * {@code *.context_length} key there is (older GGUFs name the architecture differently).
     */
    private static Integer contextLength(JsonNode info) {
        if (info == null || !info.isObject()) {
            return null;
        }
        JsonNode arch = info.get("general.architecture");
        if (arch != null && arch.isTextual()) {
            Integer length = positiveInt(info.get(arch.asText() + ".context_length"));
            if (length != null) {
                return length;
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = info.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().endsWith(".context_length")) {
                return positiveInt(field.getValue());
            }
        }
        return null;
    }

    private static Integer positiveInt(JsonNode node) {
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() <= 0) {
            return null;
        }
        return node.asInt();
    }
}
