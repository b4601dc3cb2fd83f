package io.lanchat.server.monitor;

import io.lanchat.protocol.OllamaStatus;

/**
 * Ollama's status as every chat client is told it: what it means for them, in their words. The monitor's own
 * reasons name Ollama's internal address and the administrator's fixes ({@code ollama serve}, OLLAMA_HOST); those
 * stay in the log and in {@code /healthz}, which is where whoever runs the server looks.
 */
public final class UserFacingStatus {
    static final String UNAVAILABLE = "Ollama, which writes the replies, cannot be reached right now. The server"
            + " keeps checking and says when it is back; if it lasts, tell whoever runs this server.";

    private UserFacingStatus() {
    }

    /** What a user is told when a reply fails because Ollama cannot be reached (the details go to the log). */
    public static String unreachable() {
        return UNAVAILABLE;
    }

    /** The same availability and backend counts, with a reason fit for any user. */
    public static OllamaStatus of(OllamaStatus status) {
        return new OllamaStatus(status.available(), reason(status), status.backendsUp(), status.backendsTotal());
    }

    static String reason(OllamaStatus status) {
        if (!status.available()) {
            return UNAVAILABLE;
        }
        Integer up = status.backendsUp();
        Integer total = status.backendsTotal();
        if (up != null && total != null && total > 1) {
            return up + " of " + total + " Ollama backends are up; replies are written as usual.";
        }
        return "Ollama is running and ready to write replies.";
    }
}
