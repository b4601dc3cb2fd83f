package io.lanchat.server.chat;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.ThinkMode;
import io.lanchat.server.ollama.ModelNames;
import io.lanchat.server.ollama.ThinkParameter;
import io.lanchat.server.session.Session;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a chat message goes to Ollama with: the chat's own model, options and thinking choice, on top of the
 * conversation's settings, on top of the server's default model.
 */
final class MessageSettings {
    private MessageSettings() {
    }

    /** The chat's own model, else the conversation's setting, else the server's default. */
    static String model(Session session, String requested, String defaultModel) {
        if (requested != null) {
            return requested;
        }
        String setting = session == null ? null : session.info().settings().model();
        return setting != null ? setting : defaultModel;
    }

    /** The conversation's options with the chat's own on top. */
    static Map<String, Object> options(Session session, Map<String, Object> requested) {
        Map<String, Object> setting = session == null ? null : session.info().settings().options();
        if (setting == null || setting.isEmpty()) {
            return requested;
        }
        Map<String, Object> merged = new LinkedHashMap<>(setting);
        if (requested != null) {
            merged.putAll(requested);
        }
        return merged;
    }

    /** The chat's own thinking choice, else the conversation's; null leaves it to the model's default. */
    static ThinkMode think(Session session, ThinkMode requested) {
        if (requested != null) {
            return requested;
        }
        return session == null ? null : session.info().settings().think();
    }

    /**
     * Ollama's {@code think} for {@code mode} on {@code model}, as the backends describe the model; null (left out)
     * when the model is unknown or cannot think.
     */
    static Object ollamaThink(List<ModelInfo> models, String model, ThinkMode mode) {
        ModelInfo info = models.stream().filter(m -> ModelNames.same(m.name(), model)).findFirst().orElse(null);
        return ThinkParameter.forModel(mode, info);
    }

    /**
     * How many tokens of context {@code model} has, as far as the server knows: the model's context length from
     * {@code /api/show}, or the request's {@code num_ctx} when that is smaller; null when neither is known. Ollama's
     * own default {@code num_ctx} (set by its memory or {@code OLLAMA_CONTEXT_LENGTH}) is not known here, so this is
     * an upper bound: only what cannot fit in any case is left out before sending.
     */
    static Integer contextTokens(List<ModelInfo> models, String model, Map<String, Object> options) {
        ModelInfo info = models.stream().filter(m -> ModelNames.same(m.name(), model)).findFirst().orElse(null);
        Integer length = info == null ? null : info.contextLength();
        Object numCtx = options == null ? null : options.get("num_ctx");
        if (numCtx instanceof Number n && n.longValue() > 0 && (length == null || n.longValue() < length)) {
            return (int) Math.min(Integer.MAX_VALUE, n.longValue());
        }
        return length;
    }
}
