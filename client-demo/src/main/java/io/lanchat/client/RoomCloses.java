package io.lanchat.client;

/**
 * What the server's closing of a room member's connection means: which closes end the membership for good (a bad
 * or taken name, an invite that opens no room, the member's place taken by another connection with its key), and
 * the sentence the person who joined is shown. Any other close, or a failure, is a drop worth joining again after.
 */
final class RoomCloses {
    static final int BAD_NAME = 4400;
    static final int GONE = 4404;
    static final int REPLACED = 4408;
    static final int NAME_TAKEN = 4409;

    private RoomCloses() {
    }

    /**
     * The exit code when {@code code} ends the membership for good; null when it is a drop.
     *
     * @param wasIn whether the member was in the room before (a vanished invite is then a normal end)
     */
    static ExitCode finalExit(int code, boolean wasIn) {
        return switch (code) {
            case BAD_NAME, NAME_TAKEN -> ExitCode.USAGE;
            case GONE -> wasIn ? ExitCode.OK : ExitCode.CONVERSATION_NOT_FOUND;
            case REPLACED -> ExitCode.OK;
            default -> null;
        };
    }

    /** What a refusal or an ending close means to the person who joined. */
    static String describe(int code, String reason) {
        return switch (code) {
            case BAD_NAME -> "* That name cannot be used in a room (" + reason + "); pick another with --name.";
            case NAME_TAKEN -> "* That name is taken in this room; pick another with --name.";
            case GONE -> "* This invite does not open a room any more: it is unknown, revoked or expired, or its"
                    + " conversation was deleted (" + reason + ").";
            case REPLACED -> "* You joined this room again from another connection with your key; this one is closed.";
            case RoomConnection.Ending.FAILED -> "lanchat-client: the connection failed: " + reason;
            default -> "* The connection closed (" + code + " " + reason + ").";
        };
    }
}
