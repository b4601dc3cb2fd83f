package io.lanchat.standin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One well-formed {@code POST /api/chat} request as received, recorded before the model is even
 * checked, so tests can also see requests that were answered with 400 or 404.
 *
 * @param model    the model string exactly as sent ({@code ""} if absent)
 * @param messages the messages, roles lower-cased
 * @param stream   whether the reply streams ({@code true} when the field is absent, as in Ollama)
 * @param options  the {@code options} object as plain Java values (empty if absent)
 * @param rawBody  the request body exactly as received, decoded as UTF-8
 * @param think    {@code think} as sent: null when absent or null, else a {@link Boolean} or a {@link String}
 */
public record ChatCall(String model, List<Message> messages, boolean stream,
                       Map<String, Object> options, String rawBody, Object think) {

    /** A call without {@code think}. */
    public ChatCall(String model, List<Message> messages, boolean stream, Map<String, Object> options,
                    String rawBody) {
        this(model, messages, stream, options, rawBody, null);
    }

    /** Copies the collections so a recorded call can never change afterwards. */
    public ChatCall {
        model = Objects.requireNonNullElse(model, "");
        messages = List.copyOf(messages);
        // not Map.copyOf: JSON options may legitimately hold nulls
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        rawBody = Objects.requireNonNullElse(rawBody, "");
    }

    /** Returns the content of the last {@code user} message, or {@code ""} if there is none. */
    public String lastUserContent() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    /** Returns how many {@code user} messages the request carried (the conversation's turn number). */
    public int userTurns() {
        return (int) messages.stream().filter(m -> "user".equals(m.role())).count();
    }
}
