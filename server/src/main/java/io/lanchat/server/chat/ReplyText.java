package io.lanchat.server.chat;

/**
 * What one reply has written: its reasoning and its answer in a {@link DeltaLog}, bounded by
 * {@code --max-reply-chars} (the two together), and how long it thought. Confined to the reply's event loop.
 */
final class ReplyText {
    private final DeltaLog deltas = new DeltaLog();
    private final ThinkingClock clock = new ThinkingClock();
    private final int maxChars;

    ReplyText(int maxChars) {
        this.maxChars = maxChars;
    }

    DeltaLog log() {
        return deltas;
    }

    ThinkingClock clock() {
        return clock;
    }

    /**
     * Adds a piece of the reasoning or of the answer, as much of it as fits.
     *
     * @return false when the reply reached its length limit with this piece: it must stop
     */
    boolean add(String text, boolean reasoning, long nowNanos) {
        if (reasoning) {
            clock.reasoning(nowNanos);
        } else {
            clock.stop(nowNanos);
        }
        int room = maxChars - deltas.textLength();
        boolean fits = text.length() < room;
        String kept = fits ? text : fitting(text, room);
        if (!kept.isEmpty()) {
            if (reasoning) {
                deltas.appendThinking(kept);
            } else {
                deltas.append(kept);
            }
        }
        return fits;
    }

    /** The longest start of {@code text} within {@code room} characters that does not split a surrogate pair. */
    private static String fitting(String text, int room) {
        int end = Math.max(0, Math.min(room, text.length()));
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
