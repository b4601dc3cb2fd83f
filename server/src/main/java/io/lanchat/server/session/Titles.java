package io.lanchat.server.session;

/** Titles of new conversations, taken from their first message. */
public final class Titles {
    /** Longest title made from a message; the owner can rename to anything up to the protocol's limit. */
    static final int MAX_DERIVED = 60;
    /** What a conversation is called before its first message. */
    public static final String UNTITLED = "New chat";

    private Titles() {
    }

    /**
     * The first line of the message with any run of whitespace or control characters made one space, cut at a word
     * boundary near {@value #MAX_DERIVED} characters (with an ellipsis when cut).
     */
    public static String fromMessage(String text) {
        StringBuilder title = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < text.length() && title.length() <= MAX_DERIVED; i++) {
            char c = text.charAt(i);
            if (c == '\n' && title.length() > 0) {
                break;
            }
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                space = title.length() > 0;
                continue;
            }
            if (space) {
                title.append(' ');
                space = false;
            }
            title.append(c);
        }
        if (title.length() <= MAX_DERIVED) {
            return title.length() == 0 ? UNTITLED : title.toString();
        }
        int cut = title.lastIndexOf(" ", MAX_DERIVED);
        int end = cut > MAX_DERIVED / 2 ? cut : MAX_DERIVED;
        if (Character.isHighSurrogate(title.charAt(end - 1))) {
            end--;
        }
        return title.substring(0, end) + "…";
    }
}
