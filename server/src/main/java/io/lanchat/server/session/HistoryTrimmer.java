package io.lanchat.server.session;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a conversation into a character budget by leaving out the oldest turns first. The system prompt and
 * the newest user message are always sent, even if they alone exceed the budget: without them the request
 * would make no sense.
 */
public final class HistoryTrimmer {
    private final int budgetChars;
    private final String systemPrompt;

    public HistoryTrimmer(int budgetChars, String systemPrompt) {
        this.budgetChars = budgetChars;
        this.systemPrompt = systemPrompt;
    }

    public ContextWindow window(List<Turn> history, String newUserText) {
        return window(history, newUserText, systemPrompt);
    }

    /** Like {@link #window(List, String)}, with a conversation's own system prompt instead of the server's. */
    public ContextWindow window(List<Turn> history, String newUserText, String systemPrompt) {
        int used = systemPrompt.length() + newUserText.length();
        int firstKept = history.size();
        while (firstKept > 0 && used + history.get(firstKept - 1).content().length() <= budgetChars) {
            firstKept--;
            used += history.get(firstKept).content().length();
        }
        // Never start the kept history with an assistant reply whose question was trimmed away.
        while (firstKept < history.size() && history.get(firstKept).role() == Role.ASSISTANT) {
            firstKept++;
        }
        List<Turn> messages = new ArrayList<>(history.size() - firstKept + 2);
        if (!systemPrompt.isEmpty()) {
            messages.add(new Turn(Role.SYSTEM, systemPrompt, false));
        }
        messages.addAll(history.subList(firstKept, history.size()));
        messages.add(Turn.user(newUserText));
        return new ContextWindow(messages, firstKept);
    }
}
