package io.lanchat.protocol;

/**
 * Finds this owner's conversations whose title or messages contain every word of {@code query}, newest first.
 *
 * @param id      client-chosen request id, echoed by the answer; optional
 * @param query   words to look for (case-insensitive), 1..200 characters
 * @param cursor  the {@code nextCursor} of the previous page; null for the first page
 * @param limit   conversations per page, 1..{@link Paging#MAX_LIMIT}; null for {@link Paging#DEFAULT_LIMIT}
 */
public record SearchConversationsRequest(String id, String query, String cursor, Integer limit) implements ClientMessage {
    public SearchConversationsRequest {
        Ids.checkId(id);
        if (query == null || query.isBlank() || query.length() > 200) {
            throw new IllegalArgumentException("query must be 1..200 characters, not blank");
        }
        cursor = Paging.checkCursor(cursor);
        limit = Titles.checkLimit(limit);
    }
}
