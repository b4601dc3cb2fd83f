package io.lanchat.server.ollama;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.ThinkMode;
import java.util.List;
import java.util.Locale;

/**
 * Turns a user's {@link ThinkMode} into Ollama's {@code think} for one model (docs/capabilities/thinking.mdx,
 * docs/api.md): nothing for a model without the {@code thinking} capability (Ollama answers 400
 * {@code "NAME" does not support thinking} to {@code true} or a level), nothing when the user did not choose (Ollama
 * then uses the model's default, which is on); true/false for a model that thinks on or off, whatever level was
 * asked; and a level for a model that takes levels only, as gpt-oss does.
 */
public final class ThinkParameter {
    /** gpt-oss's levels, for an Ollama too old to list them in {@code /api/show}. */
    private static final List<String> GPT_OSS_LEVELS = List.of("low", "medium", "high");

    private ThinkParameter() {
    }

    /** The {@code think} value to send, or null to leave it out. */
    public static Object forModel(ThinkMode mode, ModelInfo model) {
        if (mode == null || model == null || !model.has("thinking")) {
            return null;
        }
        List<String> levels = levels(model);
        if (levels.isEmpty()) {
            return mode != ThinkMode.OFF;
        }
        return switch (mode) {
            case ON -> levels.contains("medium") ? "medium" : levels.get(levels.size() / 2);
            // A levels-only model cannot stop thinking (gpt-oss ignores false): the least it does is its lowest.
            case OFF -> levels.get(0);
            case MAX -> levels.contains("max") ? "max" : levels.get(levels.size() - 1);
            default -> {
                String level = mode.wireName();
                yield levels.contains(level) ? level : levels.get(levels.size() - 1);
            }
        };
    }

    /** The named levels a model takes, lowest first; empty for on/off thinking. */
    static List<String> levels(ModelInfo model) {
        if (model.thinkLevels() != null) {
            return model.thinkLevels();
        }
        String family = model.family() == null ? "" : model.family().toLowerCase(Locale.ROOT);
        String name = model.name().toLowerCase(Locale.ROOT);
        return family.equals("gptoss") || name.startsWith("gpt-oss") ? GPT_OSS_LEVELS : List.of();
    }
}
