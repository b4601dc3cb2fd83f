package io.lanchat.server.room;

/**
 * The display name a member chooses when joining: untrusted input, shown to everyone in the room and sent to the
 * model before the member's messages, so it is kept short and printable. "Owner" and "Model" (any case) are
 * reserved: pages show the room's owner and the model under those names.
 */
public final class MemberNames {
    /** The longest name, in characters (code points). */
    public static final int MAX_LENGTH = 32;

    private MemberNames() {
    }

    /** The name trimmed, or null when it is empty, too long, or holds control or format characters. */
    public static String check(String raw) {
        if (raw == null) {
            return null;
        }
        String name = raw.strip();
        int length = name.codePointCount(0, name.length());
        if (length == 0 || length > MAX_LENGTH) {
            return null;
        }
        boolean printable = name.codePoints().allMatch(c -> !Character.isISOControl(c)
                && Character.getType(c) != Character.FORMAT && Character.getType(c) != Character.LINE_SEPARATOR
                && Character.getType(c) != Character.PARAGRAPH_SEPARATOR && Character.getType(c) != Character.SURROGATE
                && Character.getType(c) != Character.UNASSIGNED && Character.getType(c) != Character.PRIVATE_USE);
        boolean reserved = name.equalsIgnoreCase("owner") || name.equalsIgnoreCase("model");
        return printable && !reserved ? name : null;
    }

    /** Why a name was refused, for the close frame (at most 123 bytes). */
    public static String problem() {
        return "name must be 1 to " + MAX_LENGTH + " printable characters, and not Owner or Model";
    }
}
