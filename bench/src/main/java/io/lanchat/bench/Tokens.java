package io.lanchat.bench;

/**
 * The text of a benchmark token: {@code <seq>:<nanoTime at send>;}. The stand-in stamps each token with the
 * moment it hands it to the socket; the receiver, in the same JVM (so on the same {@link System#nanoTime()}
 * clock), subtracts that stamp from the moment the token arrives. The sequence number lets the receiver check
 * that every token arrives, once, in order.
 */
final class Tokens {
    private Tokens() {
    }

    static String text(long seq, long sentNanos) {
        return seq + ":" + sentNanos + ";";
    }

    /** The user message that asks the stand-in for {@code count} tokens, one every {@code intervalMicros}. */
    static String request(int count, long intervalMicros) {
        return "bench n=" + count + " us=" + intervalMicros;
    }

    /** Parses {@code n=} and {@code us=} out of a request text; absent values get the defaults. */
    static long[] parseRequest(String text) {
        return new long[] {number(text, "n=", 10), number(text, "us=", 0)};
    }

    private static long number(String text, String key, long otherwise) {
        int at = text.indexOf(key);
        if (at < 0 || (at > 0 && text.charAt(at - 1) != ' ')) {
            return otherwise;
        }
        long value = 0;
        int i = at + key.length();
        int start = i;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            value = value * 10 + (text.charAt(i++) - '0');
        }
        return i == start ? otherwise : value;
    }

    /**
     * Reads a token text {@code seq:stamp;} from {@code s} between {@code from} (inclusive) and {@code to}
     * (exclusive).
     *
     * @return {seq, stamp}, or null when the text is not a benchmark token
     */
    static long[] parse(CharSequence s, int from, int to) {
        long seq = 0;
        int i = from;
        while (i < to && Character.isDigit(s.charAt(i))) {
            seq = seq * 10 + (s.charAt(i++) - '0');
        }
        if (i == from || i >= to || s.charAt(i) != ':') {
            return null;
        }
        boolean negative = ++i < to && s.charAt(i) == '-';     // nanoTime may be negative
        if (negative) {
            i++;
        }
        int stampStart = i;
        long stamp = 0;
        while (i < to && Character.isDigit(s.charAt(i))) {
            stamp = stamp * 10 + (s.charAt(i++) - '0');
        }
        if (i == stampStart || i >= to || s.charAt(i) != ';' || i + 1 != to) {
            return null;
        }
        return new long[] {seq, negative ? -stamp : stamp};
    }

    /**
     * Reads a server {@code token} frame leanly: the position of {@code "seq":} and {@code "text":"} in it, as the
     * server writes them (no JSON parsing: thousands arrive a second).
     *
     * @return {frame seq, text seq, send stamp}, or null when the frame has no seq or text, or the text is not a
     *         benchmark token
     */
    static long[] frame(String s) {
        int seqAt = s.indexOf("\"seq\":");
        int textAt = s.indexOf("\"text\":\"");
        int textEnd = textAt < 0 ? -1 : s.indexOf('"', textAt + 8);
        if (seqAt <= 0 || textEnd <= 0) {
            return null;
        }
        long seq = 0;
        for (int i = seqAt + 6; i < s.length() && Character.isDigit(s.charAt(i)); i++) {
            seq = seq * 10 + (s.charAt(i) - '0');
        }
        long[] token = parse(s, textAt + 8, textEnd);
        return token == null ? null : new long[] {seq, token[0], token[1]};
    }
}
