package io.lanchat.server.chat;

import io.lanchat.server.monitor.AvailabilityMonitor;
import io.lanchat.server.ollama.OllamaClient;
import io.lanchat.server.session.HistoryTrimmer;
import io.lanchat.server.session.SessionStore;
import java.util.function.BooleanSupplier;

/**
 * The shared, thread-safe services every conversation uses.
 *
 * @param sessions        conversation histories
 * @param trimmer         fits history into the budget sent to Ollama
 * @param ollama          the Ollama client
 * @param monitor         Ollama's availability and models
 * @param defaultModel    used when a chat names no model
 * @param maxMessageChars longest chat text accepted
 * @param resumeGrace     how long a reply goes on without a client, waiting for a resume
 * @param shuttingDown    true once the server drains for shutdown: no new replies start
 */
public record ChatServices(SessionStore sessions, HistoryTrimmer trimmer, OllamaClient ollama,
                           AvailabilityMonitor monitor, String defaultModel, int maxMessageChars,
                           java.time.Duration resumeGrace, BooleanSupplier shuttingDown) {
}
