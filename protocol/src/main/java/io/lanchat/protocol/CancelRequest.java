package io.lanchat.protocol;

/** Stops the reply in flight; the partial text is kept in the conversation, marked as cancelled. */
public record CancelRequest(String id) implements ClientMessage {
    public CancelRequest {
        Ids.checkId(id);
    }
}
