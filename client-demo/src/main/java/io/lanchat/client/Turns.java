package io.lanchat.client;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The user's messages on their way through the interactive chat: waiting to be sent, in flight (sent, reply not
 * finished), or failed and kept for {@code /retry}. Not thread-safe: owned by the session's thread.
 */
final class Turns {

    /** A message to send: a chat, or a retry of {@code text}, the message that failed. */
    record Turn(String text, boolean retry) {
    }

    private final Deque<Turn> waiting = new ArrayDeque<>();
    private final StringBuilder shown = new StringBuilder();   // the in-flight reply as far as it is on screen
    private Turn inFlight;
    private String inFlightId;
    private boolean cancelSent;
    private boolean versionInFlight;    // the reply in flight is a regenerate's or an edit's
    private String failedText;          // the message whose reply failed with a retryable error
    private boolean pendingOnServer;    // ... and this connection's session still holds it for `retry`

    void add(Turn turn) {
        waiting.add(turn);
    }

    /** The next message to send, if no reply is in flight; null otherwise. */
    Turn next() {
        return inFlight == null ? waiting.poll() : null;
    }

    /** The message could not be sent (connection down): it goes first in line again. */
    void putBack(Turn turn) {
        waiting.addFirst(turn);
    }

    boolean hasWaiting() {
        return !waiting.isEmpty();
    }

    /** Whether a retry of a failed message can use the server's {@code retry} (else the text is sent again). */
    boolean serverHoldsFailed() {
        return pendingOnServer;
    }

    void sent(Turn turn, String requestId) {
        versionInFlight = false;
        inFlight = turn;
        inFlightId = requestId;
        shown.setLength(0);
        cancelSent = false;
    }

    boolean replying() {
        return inFlight != null;
    }

    boolean isInFlight(String requestId) {
        return inFlight != null && inFlightId.equals(requestId);
    }

    /** The text of the message whose reply is in flight (a retry's is the failed message). */
    String inFlightText() {
        return inFlight.text();
    }

    void shown(String text) {
        shown.append(text);
    }

    boolean anyShown() {
        return shown.length() > 0;
    }

    /** The reply in flight starts over from its first token (after a resume that could not continue it). */
    void restarted() {
        shown.setLength(0);
    }

    /** The part of a cancelled reply's final text that no token frame brought. */
    String unshown(String finalText) {
        return finalText.startsWith(shown.toString()) ? finalText.substring(shown.length()) : "";
    }

    boolean cancelSent() {
        return cancelSent;
    }

    void cancelSent(boolean sent) {
        cancelSent = sent;
    }

    /** The reply finished or was stopped: nothing is left to retry. */
    void succeeded() {
        inFlight = null;
        failedText = null;
        pendingOnServer = false;
    }

    /** The reply failed; a retryable failure keeps the message for {@code /retry}. */
    void failed(boolean retryable) {
        if (retryable && !versionInFlight) {
            failedText = inFlight.text();
            pendingOnServer = true;
        }
        inFlight = null;
    }

    /**
     * The server does not have the message in flight (it never arrived, or its session is gone): it goes first in
     * line again, as a plain chat.
     */
    boolean lost() {
        if (inFlight == null) {
            return false;
        }
        if (versionInFlight) {
            inFlight = null;        // a regenerate or edit is asked again by the user, not resent as a chat
            return false;
        }
        waiting.addFirst(new Turn(inFlight.text(), false));
        inFlight = null;
        return true;
    }

    /** A new connection is a new session on the server, which holds nothing for {@code retry}. */
    void newSession() {
        pendingOnServer = false;
    }

    /** The connection left the conversation whose reply was in flight: that reply goes on there, unseen here. */
    void abandon() {
        inFlight = null;
        inFlightId = null;
    }

    /** An opened conversation has a reply streaming, the answer to {@code text}: it is the one in flight now. */
    void follow(String text, String requestId) {
        sent(new Turn(text, false), requestId);
    }

    /**
     * A regenerate or edit was sent: its reply is the one in flight now. Unlike a chat's, a failed one leaves nothing
     * to retry, and one lost with the connection is not sent again as a chat.
     */
    void followVersion(String requestId) {
        sent(new Turn("", false), requestId);
        versionInFlight = true;
    }

    /** An opened conversation holds a message whose reply failed: {@code /retry} asks the server for it again. */
    void kept(String text) {
        failedText = text;
        pendingOnServer = true;
    }

    /** The conversation was reset: a failed message is no longer worth retrying. */
    void cleared() {
        failedText = null;
        pendingOnServer = false;
    }

    /** The failed message, or null. */
    String failedText() {
        return failedText;
    }
}
