package io.lanchat.protocol;

/** Forgets this session's conversation (a reply in flight is cancelled first). */
public record ResetRequest(String id) implements ClientMessage {
    public ResetRequest {
        Ids.checkId(id);
    }
}
