package io.lanchat.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reply streamed when no custom reply is set: deterministic and derived from the request, so
 * tests can assert on content and see that the conversation history reached the model.
 *
 * <p>The text is {@code "You said: " + lastUserContent} split into pieces that each hold one run of
 * non-space characters with the whitespace before it attached ({@code "You", " said:", " hi"}),
 * followed by one more piece {@code " (turn N)"} where N is the number of user messages. In
 * {@link Fault#SPLIT_CHUNKS} mode the text is prefixed with {@value #MULTIBYTE} so the byte
 * splitting lands inside multi-byte UTF-8 characters.
 */
final class DefaultReply {

    static final String MULTIBYTE = "héllo wörld — 日本語 🦙 ";
    private static final Pattern PIECE = Pattern.compile("\\s*\\S+|\\s+");

    private DefaultReply() {
    }

    static List<String> tokens(ChatCall call, boolean multibyte) {
        String text = (multibyte ? MULTIBYTE : "") + Vision.seen(call) + "You said: " + call.lastUserContent();
        List<String> tokens = new ArrayList<>(split(text));
        tokens.add(" (turn " + call.userTurns() + ")");
        return tokens;
    }

    /** Splits text into word-ish pieces whose concatenation is exactly the text. */
    static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = PIECE.matcher(text);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }
}
