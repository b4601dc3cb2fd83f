package io.lanchat.server.chat;

import io.lanchat.server.ollama.OllamaChatRequest;
import io.lanchat.server.ollama.OllamaMessage;
import io.lanchat.server.session.ContextWindow;
import io.lanchat.server.session.HistoryTrimmer;
import java.util.ArrayList;
import java.util.List;

/**
 * One reply's answers to Ollama refusing its prompt as longer than the model's context ({@code truncate:false}):
 * each refusal leaves out more of the oldest turns — one exchange, then two, four, … — so a long conversation needs
 * few resends and rarely loses much more than it must. Bounded: after {@link #MAX_RESENDS} refusals, or once only
 * the system prompt and the new message are left, the reply fails with a clear error instead.
 */
final class ContextRefusals {
    static final int MAX_RESENDS = 8;

    private int refusals;

    /** The window and request to send after a refusal; null when nothing more can be left out. */
    Shorter next(ContextWindow window, OllamaChatRequest request) {
        if (refusals >= MAX_RESENDS) {
            return null;
        }
        // The last allowed resend leaves out all the history, so the new message gets its own try.
        int turns = refusals == MAX_RESENDS - 1 ? Integer.MAX_VALUE : 2 << refusals;
        ContextWindow shorter = HistoryTrimmer.leaveOutMore(window, turns);
        if (shorter == null) {
            return null;
        }
        refusals++;
        // The request's messages match the window's one for one (content may differ: reasoning is never sent).
        int first = window.hasSystemPrompt() ? 1 : 0;
        int dropped = shorter.trimmed() - window.trimmed();
        List<OllamaMessage> sent = request.messages();
        List<OllamaMessage> kept = new ArrayList<>(sent.subList(0, first));
        kept.addAll(sent.subList(first + dropped, sent.size()));
        return new Shorter(shorter, request.withMessages(kept));
    }

    int refusals() {
        return refusals;
    }

    /** The new message alone is too long, as a sentence for the user. */
    static String tooLong(String model, Integer contextTokens) {
        String context = contextTokens == null ? "context" : "context (" + contextTokens + " tokens)";
        return "Your message alone is longer than the " + context + " of model " + model + ": Ollama refused it"
                + " even with all earlier messages left out. Shorten it, or retry with a model that has a longer"
                + " context. Your message is kept.";
    }

    record Shorter(ContextWindow window, OllamaChatRequest request) {
    }
}
