package io.lanchat.protocol;

/**
 * Starts a new, empty conversation on this connection; the one left behind stays stored and listed (a reply in
 * flight is cancelled first). Answered by {@link HistoryCleared} with the new conversation's id and secret.
 */
public record ResetRequest(String id) implements ClientMessage {
    public ResetRequest {
        Ids.checkId(id);
    }
}
