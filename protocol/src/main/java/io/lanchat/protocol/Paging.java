package io.lanchat.protocol;

/** Page sizes of {@code conversations} and {@code search}. */
public final class Paging {
    /** Conversations per page when a request names no {@code limit}. */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest {@code limit} a request may ask for. */
    public static final int MAX_LIMIT = 200;
    /** The longest cursor a client may send back. */
    public static final int MAX_CURSOR_LENGTH = 200;

    private Paging() {
    }

    static String checkCursor(String cursor) {
        if (cursor != null && (cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH)) {
            throw new IllegalArgumentException("cursor must be 1.." + MAX_CURSOR_LENGTH
                    + " characters, as the server sent it");
        }
        return cursor;
    }
}
