package io.lanchat.server.chat;

import io.lanchat.server.attach.Attachments;
import io.lanchat.server.config.AttachmentSettings;
import io.lanchat.server.backend.BackendPool;
import io.lanchat.server.config.ReplySettings;
import io.lanchat.server.backend.GenerationScheduler;
import io.lanchat.server.metrics.ServerMetrics;
import io.lanchat.server.session.HistoryTrimmer;
import io.lanchat.server.session.SessionSaver;
import io.lanchat.server.session.SessionStore;
import java.time.Duration;

/**
 * The shared, thread-safe services every conversation uses.
 *
 * @param sessions        conversation histories
 * @param trimmer         fits history into the budget sent to Ollama
 * @param backends        the Ollama backends and their combined availability and models
 * @param scheduler       the fair queue for generation slots
 * @param defaultModel    used when a chat names no model
 * @param maxMessageChars longest chat text accepted
 * @param resumeGrace     how long a reply goes on without a client, waiting for a resume
 * @param shutdown        begun once the server drains for shutdown: no new replies start
 * @param metrics         where replies, tokens and errors are counted
 * @param replies         what one reply may cost: its length, the options a client may set
 * @param saver           writes conversations to the durable store (or nowhere, in memory-only mode)
 * @param attachments     uploaded images and text files chat messages may carry
 */
public record ChatServices(SessionStore sessions, HistoryTrimmer trimmer, BackendPool backends,
                           GenerationScheduler scheduler, String defaultModel, int maxMessageChars,
                           Duration resumeGrace, Shutdown shutdown, ServerMetrics metrics,
                           ReplySettings replies, SessionSaver saver, Attachments attachments) {

    /** Services with the default attachment limits (tools and tests that do not configure them). */
    public ChatServices(SessionStore sessions, HistoryTrimmer trimmer, BackendPool backends,
                        GenerationScheduler scheduler, String defaultModel, int maxMessageChars, Duration resumeGrace,
                        Shutdown shutdown, ServerMetrics metrics, ReplySettings replies, SessionSaver saver) {
        this(sessions, trimmer, backends, scheduler, defaultModel, maxMessageChars, resumeGrace, shutdown, metrics,
                replies, saver, Attachments.create(AttachmentSettings.defaults()));
    }
}
