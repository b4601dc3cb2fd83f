package io.lanchat.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one reply may cost and ask for.
 *
 * @param maxReplyChars      longest reply kept and relayed; a reply reaching it is stopped at Ollama and ends
 *                           with {@code doneReason: "length"}. Bounds the memory of every reply, delivered or not
 * @param clientStallTimeout a connection that takes nothing of what the server sends for this long is treated as
 *                           gone (closed; its reply is kept for a resume)
 * @param options            the Ollama options clients may set, and their ranges
 */
public record ReplySettings(int maxReplyChars, Duration clientStallTimeout, OptionRules options) {
    public ReplySettings {
        Checks.positive("maxReplyChars", maxReplyChars);
        Checks.positive("clientStallTimeout", clientStallTimeout);
        requireNonNull(options, "options");
    }
}
