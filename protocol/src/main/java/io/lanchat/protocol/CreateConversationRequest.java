package io.lanchat.protocol;

/**
 * Starts a new, empty conversation and switches this connection to it. A reply streaming in the conversation left behind goes on and is saved there.
 *
 * @param id      client-chosen request id, echoed by the answer; optional
 * @param title    its title; null to take it from the first message
 * @param settings its settings; null for the server's defaults
 */
public record CreateConversationRequest(String id, String title, ConversationSettings settings) implements ClientMessage {
    public CreateConversationRequest {
        Ids.checkId(id);
        title = Titles.checkTitle(title);
    }
}
