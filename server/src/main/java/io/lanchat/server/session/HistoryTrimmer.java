package io.lanchat.server.session;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a conversation into a character budget by leaving out the oldest turns first. The system prompt and
 * the newest user message are always sent, even if they alone exceed the budget: without them the request
 * would make no sense.
 */
public final class HistoryTrimmer {
    /**
     * Characters one token stands for at most, to turn a model's context length into a character budget. Prose
     * runs about four; code and other scripts take fewer, so a prompt within this budget can still be too long:
     * Ollama then refuses it (the request says {@code truncate:false}) and {@link #leaveOutMore} takes over. The
     * estimate only leaves out what cannot fit in any case.
     */
    static final int CHARS_PER_TOKEN = 4;

    private final int budgetChars;
    private final String systemPrompt;

    public HistoryTrimmer(int budgetChars, String systemPrompt) {
        this.budgetChars = budgetChars;
        this.systemPrompt = systemPrompt;
    }

    public ContextWindow window(List<Turn> history, String newUserText) {
        return window(history, newUserText, systemPrompt, null);
    }

    /** Like {@link #window(List, String)}, with a conversation's own system prompt instead of the server's. */
    public ContextWindow window(List<Turn> history, String newUserText, String systemPrompt) {
        return window(history, newUserText, systemPrompt, null);
    }

    /**
     * Like {@link #window(List, String, String)}, within the model's context as well: {@code contextTokens} (null when
     * unknown) at {@link #CHARS_PER_TOKEN} characters a token, when that is smaller than the history budget.
     * {@code systemPrompt} null means the server's.
     */
    public ContextWindow window(List<Turn> history, String newUserText, String systemPrompt, Integer contextTokens) {
        String system = systemPrompt == null ? this.systemPrompt : systemPrompt;
        long budget = budgetChars;
        boolean contextBound = false;
        if (contextTokens != null && (long) contextTokens * CHARS_PER_TOKEN < budget) {
            budget = (long) contextTokens * CHARS_PER_TOKEN;
            contextBound = true;
        }
        long used = system.length() + newUserText.length();
        int firstKept = history.size();
        while (firstKept > 0 && used + history.get(firstKept - 1).spoken().length() <= budget) {
            firstKept--;
            used += history.get(firstKept).spoken().length();
        }
        firstKept = skipOrphanReplies(history, firstKept);
        List<Turn> messages = new ArrayList<>(history.size() - firstKept + 2);
        if (!system.isEmpty()) {
            messages.add(new Turn(Role.SYSTEM, system, false));
        }
        messages.addAll(history.subList(firstKept, history.size()));
        messages.add(Turn.user(newUserText));
        return new ContextWindow(messages, firstKept, contextBound && firstKept > 0);
    }

    /**
     * {@code window} with at least {@code turns} more of its oldest history turns left out, after Ollama refused it as
     * longer than the model's context; the system prompt and the new message stay. Null when no history is left to
     * leave out: the new message alone is too long.
     */
    public static ContextWindow leaveOutMore(ContextWindow window, int turns) {
        List<Turn> messages = window.messages();
        int first = window.hasSystemPrompt() ? 1 : 0;
        List<Turn> history = messages.subList(first, messages.size() - 1);
        if (history.isEmpty()) {
            return null;
        }
        int drop = skipOrphanReplies(history, Math.min(turns, history.size()));
        List<Turn> kept = new ArrayList<>(messages.subList(0, first));
        kept.addAll(history.subList(drop, history.size()));
        kept.add(messages.get(messages.size() - 1));
        return new ContextWindow(kept, window.trimmed() + drop, true);
    }

    /** Never start the kept history with an assistant reply whose question was left out. */
    private static int skipOrphanReplies(List<Turn> history, int firstKept) {
        while (firstKept < history.size() && history.get(firstKept).role() == Role.ASSISTANT) {
            firstKept++;
        }
        return firstKept;
    }
}
