package io.lanchat.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Asks the model a question in this session's conversation.
 *
 * @param id      client-chosen request id, echoed by every answer; optional
 * @param text    the user's message; must not be blank
 * @param model   the Ollama model to use (e.g. {@code llama3:8b}); optional, the server default otherwise
 * @param options Ollama runtime options passed through unchanged (e.g. {@code temperature}); optional
 * @param think   thinking for this message ({@code on}, {@code off}, or a level); optional: the conversation's
 *                setting otherwise, and without one the model's own default (thinking models think)
 * @param attachments ids of attachments uploaded with {@code POST /attachments} that go with this message, in
 *                order; optional (null or absent for none)
 */
public record ChatRequest(String id, String text, String model, Map<String, Object> options, ThinkMode think,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> attachments)
        implements ClientMessage {

    static final int MAX_MODEL_LENGTH = 200;
    static final int MAX_OPTIONS = 64;
    static final int MAX_ATTACHMENTS = 16;
    static final int MAX_ATTACHMENT_ID_LENGTH = 64;

    public ChatRequest {
        Ids.checkId(id);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
        model = checkModel(model);
        if (options != null) {
            if (options.size() > MAX_OPTIONS) {
                throw new IllegalArgumentException("options may have at most " + MAX_OPTIONS + " entries");
            }
            // Not Map.copyOf: Ollama accepts null option values (meaning "use the default").
            options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }
        attachments = checkAttachments(attachments);
    }

    /** A chat without attachments. */
    public ChatRequest(String id, String text, String model, Map<String, Object> options, ThinkMode think) {
        this(id, text, model, options, think, null);
    }

    /** A chat with just the text, using the server's default model. */
    public ChatRequest(String id, String text) {
        this(id, text, null, null, null);
    }

    /** A chat without its own thinking setting. */
    public ChatRequest(String id, String text, String model, Map<String, Object> options) {
        this(id, text, model, options, null);
    }

    /** The ids, checked for shape and count only (whether they exist is the server's business); empty for none. */
    static List<String> checkAttachments(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        if (ids.size() > MAX_ATTACHMENTS) {
            throw new IllegalArgumentException("attachments may name at most " + MAX_ATTACHMENTS + " ids");
        }
        for (String id : ids) {
            if (id == null || id.isBlank() || id.length() > MAX_ATTACHMENT_ID_LENGTH) {
                throw new IllegalArgumentException("attachment ids must be 1.." + MAX_ATTACHMENT_ID_LENGTH
                        + " characters");
            }
        }
        if (new java.util.HashSet<>(ids).size() != ids.size()) {
            throw new IllegalArgumentException("attachments must not name the same id twice");
        }
        return List.copyOf(ids);
    }

    static String checkModel(String model) {
        if (model == null) {
            return null;
        }
        if (model.isBlank() || model.length() > MAX_MODEL_LENGTH) {
            throw new IllegalArgumentException("model must be 1.." + MAX_MODEL_LENGTH + " characters");
        }
        for (int i = 0; i < model.length(); i++) {
            char c = model.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("model must not contain spaces or control characters");
            }
        }
        return model;
    }
}
