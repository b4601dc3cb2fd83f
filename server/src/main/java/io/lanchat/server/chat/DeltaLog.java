package io.lanchat.server.chat;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The text of one reply, its reasoning apart from its answer, and where each delta ends, so deltas can be replayed
 * by number to a client that resumes. Reasoning and answer deltas share one numbering, in the order Ollama wrote
 * them. Eight bytes and a bit per delta beyond the text itself. Not thread-safe; owned by one reply.
 */
final class DeltaLog {
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    /** For each delta, the answer's and the reasoning's length once it is appended. */
    private int[] textEnds = new int[64];
    private int[] thinkingEnds = new int[64];
    private final BitSet isThinking = new BitSet();
    private int count;

    /** Appends a piece of the answer; returns its sequence number. */
    long append(String delta) {
        text.append(delta);
        return record(false);
    }

    /** Appends a piece of the reasoning; returns its sequence number. */
    long appendThinking(String delta) {
        thinking.append(delta);
        return record(true);
    }

    private long record(boolean reasoning) {
        if (count == textEnds.length) {
            textEnds = Arrays.copyOf(textEnds, count * 2);
            thinkingEnds = Arrays.copyOf(thinkingEnds, count * 2);
        }
        textEnds[count] = text.length();
        thinkingEnds[count] = thinking.length();
        isThinking.set(count, reasoning);
        return count++;
    }

    long size() {
        return count;
    }

    /** Characters held, answer and reasoning together (what the reply's length limit counts). */
    int textLength() {
        return text.length() + thinking.length();
    }

    /** The answer so far. */
    String text() {
        return text.toString();
    }

    /** The reasoning so far; "" when the model did not think. */
    String thinking() {
        return thinking.toString();
    }

    /** The answer of the deltas before {@code seq}. */
    String textBefore(long seq) {
        int before = Math.toIntExact(Math.min(seq, count));
        return before == 0 ? "" : text.substring(0, textEnds[before - 1]);
    }

    /** The reasoning of the deltas before {@code seq}. */
    String thinkingBefore(long seq) {
        int before = Math.toIntExact(Math.min(seq, count));
        return before == 0 ? "" : thinking.substring(0, thinkingEnds[before - 1]);
    }

    /** Whether the delta with this sequence number is reasoning. */
    boolean isThinking(long seq) {
        return isThinking.get(Math.toIntExact(seq));
    }

    /** The delta with this sequence number. */
    String delta(long seq) {
        int index = Math.toIntExact(seq);
        boolean reasoning = isThinking.get(index);
        int[] ends = reasoning ? thinkingEnds : textEnds;
        int start = index == 0 ? 0 : ends[index - 1];
        return (reasoning ? thinking : text).substring(start, ends[index]);
    }
}
