package io.lanchat.protocol;

import java.util.List;

/**
 * Answers {@code conversations} and {@code search}: one page of this owner's conversations, newest first.
 *
 * @param id            the id of the request
 * @param query         the search words, or null for a plain listing
 * @param conversations this page
 * @param nextCursor    pass as {@code cursor} to get the next page; null when this is the last one
 */
public record ConversationList(String id, String query, List<ConversationSummary> conversations, String nextCursor)
        implements ServerMessage {
    public ConversationList {
        conversations = conversations == null ? List.of() : List.copyOf(conversations);
    }
}
