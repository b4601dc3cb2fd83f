package io.lanchat.standin;

import java.util.List;

/**
 * How long a chat prompt is in tokens, as the stand-in estimates it. Ollama renders the model's template and counts
 * real tokens; the stand-in has no tokenizer, so it counts four characters a token (rounded up) for each message,
 * plus {@link #PER_MESSAGE} tokens for the role markers a template adds around it. Deterministic, so tests can size
 * conversations to overflow a small context on purpose.
 */
final class PromptTokens {
    /** Tokens a chat template spends on one message's role markers. */
    static final int PER_MESSAGE = 4;
    private static final int CHARS_PER_TOKEN = 4;

    private PromptTokens() {
    }

    static int estimate(List<Message> messages) {
        int tokens = 0;
        for (Message m : messages) {
            tokens += (m.content().length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + PER_MESSAGE;
        }
        return tokens;
    }
}
