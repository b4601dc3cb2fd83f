package io.lanchat.server.chat;

import java.util.Arrays;

/**
 * The text of one reply and where each token delta ends in it, so deltas can be replayed by number to a client
 * that resumes. Four bytes per delta beyond the text itself. Not thread-safe; owned by one reply.
 */
final class DeltaLog {
    private final StringBuilder text = new StringBuilder();
    private int[] ends = new int[64];
    private int count;

    /** Appends a delta; returns its sequence number. */
    long append(String delta) {
        if (count == ends.length) {
            ends = Arrays.copyOf(ends, count * 2);
        }
        text.append(delta);
        ends[count] = text.length();
        return count++;
    }

    long size() {
        return count;
    }

    int textLength() {
        return text.length();
    }

    String text() {
        return text.toString();
    }

    /** The text of the deltas before {@code seq}. */
    String textBefore(long seq) {
        int count = Math.toIntExact(Math.min(seq, this.count));
        return count == 0 ? "" : text.substring(0, ends[count - 1]);
    }

    /** The delta with this sequence number. */
    String delta(long seq) {
        int index = Math.toIntExact(seq);
        int start = index == 0 ? 0 : ends[index - 1];
        return text.substring(start, ends[index]);
    }
}
