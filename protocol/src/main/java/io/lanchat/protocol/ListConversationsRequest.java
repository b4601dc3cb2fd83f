package io.lanchat.protocol;

/**
 * Lists this owner's conversations, newest first, one page at a time.
 *
 * @param id      client-chosen request id, echoed by the answer; optional
 * @param cursor  where the page starts: the {@code nextCursor} of the previous page; null for the first page
 * @param limit   conversations per page, 1..{@link Paging#MAX_LIMIT}; null for {@link Paging#DEFAULT_LIMIT}
 */
public record ListConversationsRequest(String id, String cursor, Integer limit) implements ClientMessage {
    public ListConversationsRequest {
        Ids.checkId(id);
        cursor = Paging.checkCursor(cursor);
        limit = Titles.checkLimit(limit);
    }
}
