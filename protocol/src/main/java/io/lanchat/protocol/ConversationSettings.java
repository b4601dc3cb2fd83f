package io.lanchat.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a conversation is sent to Ollama with, stored with the conversation. Each field is optional: a null field
 * means the server's default. A chat's own {@code model} and {@code options} win over these for that message.
 *
 * @param model   the Ollama model for this conversation's chats
 * @param system  the system prompt put first in this conversation (replacing the server's)
 * @param options sampling options a user may set ({@code temperature}, {@code top_p}, {@code top_k},
 *                {@code seed}, {@code num_predict}), within the ranges the server allows
 * @param think   whether thinking models think, and how much (see {@link ThinkMode}); null for the model's default
 */
public record ConversationSettings(String model, String system, Map<String, Object> options,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) ThinkMode think) {
    /** The longest system prompt a conversation may carry. */
    public static final int MAX_SYSTEM_LENGTH = 20_000;

    public ConversationSettings {
        model = ChatRequest.checkModel(model);
        if (system != null && system.length() > MAX_SYSTEM_LENGTH) {
            throw new IllegalArgumentException("system must be at most " + MAX_SYSTEM_LENGTH + " characters");
        }
        if (options != null) {
            if (options.size() > ChatRequest.MAX_OPTIONS) {
                throw new IllegalArgumentException("options may have at most " + ChatRequest.MAX_OPTIONS
                        + " entries");
            }
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }
    }

    /** Settings without a thinking choice. */
    public ConversationSettings(String model, String system, Map<String, Object> options) {
        this(model, system, options, null);
    }

    /** No settings: every field the server's default. */
    public static ConversationSettings defaults() {
        return new ConversationSettings(null, null, null, null);
    }
}
