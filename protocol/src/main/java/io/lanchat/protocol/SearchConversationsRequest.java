package io.lanchat.protocol;

/**
 * Finds this owner's conversations whose title or messages contain every word of {@code query}, newest first.
 *
 * @param id      client-chosen request id, echoed by the answer; optional
 * @param query   words to look for (case-insensitive), 1..200 characters without control characters
 * @param cursor  the {@code nextCursor} of the previous page; null for the first page
 * @param limit   conversations per page, 1..{@link Paging#MAX_LIMIT}; null for {@link Paging#DEFAULT_LIMIT}
 */
public record SearchConversationsRequest(String id, String query, String cursor, Integer limit) implements ClientMessage {
    /** The longest query a search may carry. */
    public static final int MAX_QUERY_LENGTH = 200;

    public SearchConversationsRequest {
        Ids.checkId(id);
        if (query == null || query.isBlank() || query.length() > MAX_QUERY_LENGTH) {
            throw new IllegalArgumentException("query must be 1.." + MAX_QUERY_LENGTH + " characters, not blank");
        }
        // A NUL cannot even be sent to PostgreSQL; no other control character belongs in a search box either.
        if (query.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("query must not contain control characters");
        }
        cursor = Paging.checkCursor(cursor);
        limit = Titles.checkLimit(limit);
    }
}
