package io.lanchat.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stand-in's replies in this suite: a pure function of the user's message, so a client knows the exact text
 * it must end up with (after drops, resumes and retries) without asking anyone. A message
 * {@code "rel KEY tokens=N size=S"} is answered with N tokens; token i is {@code " i:"} followed by letters
 * derived from KEY and i, padded to about S characters. Anything else is answered {@code "ok"}.
 */
final class ReplyText {
    private static final Pattern REQUEST = Pattern.compile("^rel (\\S+) tokens=(\\d+) size=(\\d+)$");
    private static final int MAX_TOKENS = 100_000;
    private static final int MAX_SIZE = 4_096;

    private ReplyText() {
    }

    static String request(String key, int tokens, int size) {
        return "rel " + key + " tokens=" + tokens + " size=" + size;
    }

    /** The tokens the stand-in streams for this user message. */
    static List<String> tokens(String userMessage) {
        Matcher m = REQUEST.matcher(userMessage);
        if (!m.matches()) {
            return List.of("ok");
        }
        int n = (int) Math.min(MAX_TOKENS, Long.parseLong(m.group(2).length() > 9 ? "0" : m.group(2)));
        int size = (int) Math.min(MAX_SIZE, Long.parseLong(m.group(3).length() > 9 ? "0" : m.group(3)));
        int seed = m.group(1).hashCode();
        List<String> tokens = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder t = new StringBuilder().append(' ').append(i).append(':');
            int x = seed * 31 + i;
            do {
                x = x * 1_103_515_245 + 12_345;
                t.append((char) ('a' + Math.floorMod(x >>> 16, 26)));
            } while (t.length() < Math.max(size, 4));
            tokens.add(t.toString());
        }
        return tokens;
    }

    /** The whole reply text for this user message. */
    static String text(String userMessage) {
        return String.join("", tokens(userMessage));
    }
}
