package io.lanchat.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Conversations: models, prompts and how much history is kept and sent.
 *
 * @param defaultModel       model used when a chat names none
 * @param systemPrompt       system prompt put first in every conversation; empty for none
 * @param maxSessions        most sessions held in memory; the least recently used go first
 * @param sessionIdleExpiry  a session untouched this long is forgotten
 * @param historyBudgetChars most characters of conversation sent to Ollama (older turns are trimmed)
 * @param maxStoredMessages  most messages kept per session
 * @param maxMessageChars    longest chat text accepted
 * @param resumeGrace        how long a reply goes on generating after its client disconnected, waiting for a
 *                           resume; then it is cancelled to free the GPU
 * @param maxHistoryChars    most characters of conversation held over all sessions
 * @param maxSessionChars    most characters one session keeps (oldest messages dropped beyond)
 */
public record ChatSettings(String defaultModel, String systemPrompt, int maxSessions, Duration sessionIdleExpiry,
                           int historyBudgetChars, int maxStoredMessages, int maxMessageChars, Duration resumeGrace,
                           long maxHistoryChars, int maxSessionChars) {
    public ChatSettings {
        requireNonNull(defaultModel, "defaultModel");
        requireNonNull(systemPrompt, "systemPrompt");
        Checks.positive("maxSessions", maxSessions);
        Checks.positive("sessionIdleExpiry", sessionIdleExpiry);
        Checks.positive("historyBudgetChars", historyBudgetChars);
        Checks.positive("maxStoredMessages", maxStoredMessages);
        Checks.positive("maxMessageChars", maxMessageChars);
        Checks.positive("resumeGrace", resumeGrace);
        Checks.positive("maxSessionChars", maxSessionChars);
        if (maxSessionChars < maxMessageChars) {
            throw new IllegalArgumentException("maxSessionChars (" + maxSessionChars + ") must hold at least one"
                    + " message of maxMessageChars (" + maxMessageChars + ")");
        }
        if (maxHistoryChars < maxSessionChars) {
            throw new IllegalArgumentException("maxHistoryChars (" + maxHistoryChars + ") must hold at least one"
                    + " session of maxSessionChars (" + maxSessionChars + ")");
        }
    }
}
