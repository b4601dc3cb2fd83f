package io.lanchat.protocol;

/** Validation shared by request records: a client-chosen id is short printable text. */
final class Ids {
    static final int MAX_ID_LENGTH = 128;

    private Ids() {
    }

    static String checkId(String id) {
        if (id == null) {
            return null;
        }
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("id must be 1.." + MAX_ID_LENGTH + " characters");
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                throw new IllegalArgumentException("id must not contain control characters");
            }
        }
        return id;
    }
}
