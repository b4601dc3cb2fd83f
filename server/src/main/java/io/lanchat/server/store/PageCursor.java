package io.lanchat.server.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of conversations resumes: after the row with this {@code updated_at} and id, in the order
 * (updated_at DESC, id DESC). Keyset paging, so a conversation touched between two pages is neither skipped nor
 * repeated past its old place, and a deep page costs what the first one does. Clients see it as opaque base64url.
 */
record PageCursor(long updatedAt, String id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((updatedAt + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor given back by a client; null for the first page.
     *
     * @throws IllegalArgumentException when it is not one this store made
     */
    static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        if (cursor.length() > 1_000) {
            throw new IllegalArgumentException("malformed cursor: too long");
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed cursor: not base64url", e);
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("malformed cursor: not one this server gave out");
        }
        try {
            return new PageCursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed cursor: not one this server gave out", e);
        }
    }
}
