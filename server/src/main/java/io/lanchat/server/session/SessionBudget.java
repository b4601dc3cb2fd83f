package io.lanchat.server.session;

/**
 * How much conversation the server holds, in characters of text (a Java string takes one or two bytes per
 * character, so this bounds the heap the histories take to about twice as many bytes).
 *
 * <p>The session count is folded into the same budget: every session weighs at least {@link #minWeight()}, the
 * total divided by {@code maxSessions}, so at most {@code totalChars} characters are held and at most about
 * {@code maxSessions} sessions (exactly that many when {@code totalChars >= maxSessions²}, as with the defaults;
 * the rounding lets a few more in below that).
 *
 * @param totalChars      most characters held over all sessions
 * @param maxSessions     most sessions held
 * @param perSessionChars most characters one session keeps; its oldest turns are dropped beyond
 * @param maxTurns        most turns one session keeps
 */
public record SessionBudget(long totalChars, int maxSessions, int perSessionChars, int maxTurns) {
    public SessionBudget {
        if (totalChars < 1 || maxSessions < 1 || perSessionChars < 1 || maxTurns < 1) {
            throw new IllegalArgumentException("session budget values must be positive");
        }
        if (perSessionChars > totalChars) {
            throw new IllegalArgumentException("one session's characters (" + perSessionChars
                    + ") cannot exceed the characters of all sessions (" + totalChars + ")");
        }
    }

    /** What every session weighs at least, even empty: the share that keeps the count at most maxSessions. */
    public int minWeight() {
        long share = totalChars / maxSessions;      // rounded down, so maxSessions empty sessions fit
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, share));
    }

    /** The session's weight against {@link #totalChars()}: its characters, but no less than the minimum. */
    public int weightOf(Session session) {
        return (int) Math.max(minWeight(), Math.min(Integer.MAX_VALUE, session.chars()));
    }
}
