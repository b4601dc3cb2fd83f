package io.lanchat.protocol;

/** Validation shared by records that carry a conversation title or id. */
final class Titles {
    static final int MAX_TITLE_LENGTH = 200;
    static final int MAX_CONVERSATION_ID_LENGTH = 128;

    private Titles() {
    }

    /** A title is 1..200 characters of printable text (no control characters, not blank). */
    static String checkTitle(String title) {
        if (title == null) {
            return null;
        }
        if (title.isBlank() || title.length() > MAX_TITLE_LENGTH) {
            throw new IllegalArgumentException("title must be 1.." + MAX_TITLE_LENGTH + " characters, not blank");
        }
        for (int i = 0; i < title.length(); i++) {
            if (Character.isISOControl(title.charAt(i))) {
                throw new IllegalArgumentException("title must not contain control characters (line breaks, tabs)");
            }
        }
        return title;
    }

    /** A conversation id is required, 1..128 characters of printable text. */
    static String checkConversationId(String conversationId) {
        if (conversationId == null) {
            throw new IllegalArgumentException("conversationId is required");
        }
        if (conversationId.isEmpty() || conversationId.length() > MAX_CONVERSATION_ID_LENGTH) {
            throw new IllegalArgumentException("conversationId must be 1.." + MAX_CONVERSATION_ID_LENGTH
                    + " characters");
        }
        for (int i = 0; i < conversationId.length(); i++) {
            if (Character.isISOControl(conversationId.charAt(i))) {
                throw new IllegalArgumentException("conversationId must not contain control characters");
            }
        }
        return conversationId;
    }

    /** A page size, when given, is 1..{@link Paging#MAX_LIMIT}. */
    static Integer checkLimit(Integer limit) {
        if (limit != null && (limit < 1 || limit > Paging.MAX_LIMIT)) {
            throw new IllegalArgumentException("limit must be 1.." + Paging.MAX_LIMIT);
        }
        return limit;
    }
}
