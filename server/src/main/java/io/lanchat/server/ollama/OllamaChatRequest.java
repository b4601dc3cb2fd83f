package io.lanchat.server.ollama;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/chat}; always streaming.
 *
 * @param think    Ollama's {@code think}: {@link Boolean} or a level name; null leaves it out (the model's default)
 * @param truncate Ollama's {@code truncate}: false asks Ollama (v0.12.6 and later) to refuse a prompt longer than the
 *                 context (400 "the input length exceeds the context length") instead of silently dropping its
 *                 oldest messages; older versions ignore the unknown field and drop them as before. Null leaves it out
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OllamaChatRequest(String model, List<OllamaMessage> messages, boolean stream,
                                Map<String, Object> options, Object think, Boolean truncate) {
    public OllamaChatRequest {
        messages = List.copyOf(messages);
        if (think != null && !(think instanceof Boolean) && !(think instanceof String)) {
            throw new IllegalArgumentException("think must be a Boolean or a level name");
        }
    }

    /** A request that leaves {@code truncate} to Ollama's default (silent truncation). */
    public OllamaChatRequest(String model, List<OllamaMessage> messages, boolean stream, Map<String, Object> options,
                             Object think) {
        this(model, messages, stream, options, think, null);
    }

    public static OllamaChatRequest streaming(String model, List<OllamaMessage> messages, Map<String, Object> options) {
        return new OllamaChatRequest(model, messages, true, options, null);
    }

    /**
     * A chat turn: sent with {@code truncate:false}, so a prompt too long for the context is refused rather than cut
     * without a word (the server then leaves out older turns itself and tells the user).
     */
    public static OllamaChatRequest streaming(String model, List<OllamaMessage> messages, Map<String, Object> options,
                                              Object think) {
        return new OllamaChatRequest(model, messages, true, options, think, false);
    }

    /** The same request with other messages. */
    public OllamaChatRequest withMessages(List<OllamaMessage> newMessages) {
        return new OllamaChatRequest(model, newMessages, stream, options, think, truncate);
    }
}
