package io.lanchat.standin;

import java.util.ArrayList;
import java.util.List;

/**
 * What a model thinks for one chat, from its {@link Thinking} style and the request's {@code think}, as Ollama
 * decides it (docs/capabilities/thinking.mdx; the capability check in server/routes.go): the reasoning pieces, and
 * whether they go into {@code message.thinking} or inline into {@code message.content} between
 * {@code <think>} tags.
 *
 * @param pieces the reasoning in word-sized pieces; empty when the model does not think this time
 * @param inline true when the pieces belong in the content, wrapped in {@code <think>…</think>}
 */
record ThinkingReply(List<String> pieces, boolean inline) {
    /** How the stand-in's reasoning starts, followed by the last user message. */
    static final String PREFIX = "Thinking about: ";

    static final ThinkingReply NONE = new ThinkingReply(List.of(), false);

    ThinkingReply {
        pieces = List.copyOf(pieces);
    }

    /**
     * Decides for {@code call} on {@code model}.
     *
     * @throws ApiError 400 {@code "NAME" does not support thinking} when {@code think} is {@code true} or a level
     *                  and the model lacks the capability ({@code false} is accepted by every model)
     */
    static ThinkingReply plan(ModelInfo model, ChatCall call) {
        Object think = call.think();
        boolean asks = Boolean.TRUE.equals(think) || think instanceof String;
        return switch (model.thinking()) {
            case NONE -> {
                refuseIf(asks, call);
                yield NONE;
            }
            case INLINE -> {
                refuseIf(asks, call);
                yield new ThinkingReply(reasoning(call, null), true);    // the template thinks whatever is asked
            }
            // Unset means on; a level name the model does not resolve falls back to its default (on).
            case TOGGLE -> Boolean.FALSE.equals(think) ? NONE : new ThinkingReply(reasoning(call, null), false);
            case LEVELS -> new ThinkingReply(reasoning(call, level(think)), false);
        };
    }

    /** gpt-oss: unset or true is the default {@code medium}; {@code max} is its highest; false cannot stop it. */
    private static String level(Object think) {
        if (think instanceof String level) {
            return level.equals("max") ? "high" : level;
        }
        return Boolean.FALSE.equals(think) ? "low" : "medium";
    }

    private static void refuseIf(boolean asks, ChatCall call) {
        if (asks) {
            throw new ApiError(400, "\"" + call.model() + "\" does not support thinking");
        }
    }

    private static List<String> reasoning(ChatCall call, String level) {
        String text = PREFIX + call.lastUserContent() + (level == null ? "" : " (" + level + " effort)");
        return new ArrayList<>(DefaultReply.split(text));
    }

    /** The content pieces of the reply: for an inline thinker, the tagged reasoning first. */
    List<String> content(List<String> answer) {
        if (!inline) {
            return answer;
        }
        List<String> all = new ArrayList<>();
        all.add("<think>");
        all.addAll(pieces);
        all.add("</think>");
        all.add("\n\n");
        all.addAll(answer);
        return all;
    }

    /** The pieces that go out in {@code message.thinking}. */
    List<String> thinkingChunks() {
        return inline ? List.of() : pieces;
    }
}
