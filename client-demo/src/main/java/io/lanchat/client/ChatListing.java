package io.lanchat.client;

import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ConversationList;
import io.lanchat.protocol.ConversationSummary;
import io.lanchat.protocol.ListConversationsRequest;
import io.lanchat.protocol.SearchConversationsRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last listing shown ({@code /chats} or {@code /search}, with the pages that followed), so that
 * {@code /open N} and {@code /delete N} mean the line numbered N. A conversation deleted since keeps its number
 * (as a gap), so the numbers of the others stay as shown. Not thread-safe: owned by the session's thread.
 */
final class ChatListing {
    static final int PAGE = 20;

    private final List<ConversationSummary> shown = new ArrayList<>();    // null where one was deleted since
    private String query;
    private String nextCursor;
    private String nextPageId;

    boolean isEmpty() {
        return shown.isEmpty();
    }

    boolean hasMore() {
        return nextCursor != null;
    }

    /** The request for the page after the last one shown (call only when {@link #hasMore}). */
    ClientMessage nextPage(String requestId) {
        nextPageId = requestId;
        return query == null ? new ListConversationsRequest(requestId, nextCursor, PAGE)
                : new SearchConversationsRequest(requestId, query, nextCursor, PAGE);
    }

    /**
     * A page arrived: the next page of this listing, or else the first page of a new one.
     *
     * @return the number of its first line
     */
    int add(ConversationList page) {
        if (!page.id().equals(nextPageId)) {
            shown.clear();
        }
        int first = shown.size() + 1;
        shown.addAll(page.conversations());
        query = page.query();
        nextCursor = page.nextCursor();
        return first;
    }

    /**
     * Line {@code n}.
     *
     * @return its conversation id, or a sentence saying why there is none
     */
    Pick pick(int n) {
        if (n < 1 || n > shown.size()) {
            return new Pick(null, shown.isEmpty() ? "No list to pick from: /chats lists your conversations."
                    : "No conversation " + n + " in the last list (1.." + shown.size() + ").");
        }
        ConversationSummary c = shown.get(n - 1);
        return c == null ? new Pick(null, "Conversation " + n + " was deleted.") : new Pick(c.id(), null);
    }

    Optional<String> titleOf(String id) {
        return shown.stream().filter(c -> c != null && c.id().equals(id)).findFirst()
                .map(ConversationSummary::title);
    }

    void deleted(String id) {
        shown.replaceAll(c -> c != null && c.id().equals(id) ? null : c);
    }

    void updated(ConversationSummary updated) {
        shown.replaceAll(c -> c != null && c.id().equals(updated.id()) ? updated : c);
    }

    /** @param id the conversation id, or null with {@code problem} saying why there is none */
    record Pick(String id, String problem) {
    }
}
