package io.lanchat.server.store;

import java.util.List;

/**
 * One page of an owner's conversations, newest first.
 *
 * @param conversations this page
 * @param nextCursor    where the next page starts (opaque to clients); null after the last page
 */
public record ConversationPage(List<ConversationRecord> conversations, String nextCursor) {
    public ConversationPage {
        conversations = List.copyOf(conversations);
    }
}
