package io.lanchat.standin;

import java.util.Optional;

/**
 * Checks the syntax of the first JSON value in a request body and, when it is broken, produces
 * the message Go's {@code encoding/json} decoder would (Ollama returns that text in its 400), e.g.
 * {@code invalid character 'o' in literal null (expecting 'u')} or {@code unexpected EOF}.
 *
 * <p>Like {@code json.Decoder.Decode}, only the first value is read; trailing bytes are ignored.
 */
final class GoJsonSyntax {

    /** Go's decoder refuses nesting deeper than this. */
    private static final int MAX_DEPTH = 10_000;

    private final String text;
    private int pos;
    private int depth;

    private GoJsonSyntax(String text) {
        this.text = text;
    }

    /** Returns the Go error message for a malformed body, or empty when the first value is well-formed. */
    static Optional<String> check(String body) {
        try {
            new GoJsonSyntax(body).value();
            return Optional.empty();
        } catch (SyntaxError e) {
            return Optional.of(e.getMessage());
        }
    }

    private void value() {
        skipSpace();
        char c = next();
        switch (c) {
            case '{', '[' -> {
                if (++depth > MAX_DEPTH) {
                    throw new SyntaxError("exceeded max depth");
                }
                if (c == '{') {
                    object();
                } else {
                    array();
                }
                depth--;
            }
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number(c);
                } else {
                    throw invalid(c, "looking for beginning of value");
                }
            }
        }
    }

    private void object() {
        skipSpace();
        char c = next();
        if (c == '}') {
            return;
        }
        while (true) {
            if (c != '"') {
                throw invalid(c, "looking for beginning of object key string");
            }
            string();
            skipSpace();
            c = next();
            if (c != ':') {
                throw invalid(c, "after object key");
            }
            value();
            skipSpace();
            c = next();
            if (c == '}') {
                return;
            }
            if (c != ',') {
                throw invalid(c, "after object key:value pair");
            }
            skipSpace();
            c = next();
        }
    }

    private void array() {
        skipSpace();
        if (peek() == ']') {
            pos++;
            return;
        }
        while (true) {
            value();
            skipSpace();
            char c = next();
            if (c == ']') {
                return;
            }
            if (c != ',') {
                throw invalid(c, "after array element");
            }
        }
    }

    private void string() {
        while (true) {
            char c = next();
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                throw invalid(c, "in string literal");
            }
            if (c == '\\') {
                char e = next();
                if (e == 'u') {
                    for (int i = 0; i < 4; i++) {
                        char h = next();
                        if (Character.digit(h, 16) < 0) {
                            throw invalid(h, "in \\u hexadecimal character escape");
                        }
                    }
                } else if ("bfnrt\\/\"".indexOf(e) < 0) {
                    throw invalid(e, "in string escape code");
                }
            }
        }
    }

    private void number(char first) {
        char c = first;
        if (c == '-') {
            c = next();
            if (c < '0' || c > '9') {
                throw invalid(c, "in numeric literal");
            }
        }
        if (c != '0') {
            digits();
        }
        if (peek() == '.') {
            pos++;
            char d = next();
            if (d < '0' || d > '9') {
                throw invalid(d, "after decimal point in numeric literal");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            char s = next();
            if (s == '+' || s == '-') {
                s = next();
            }
            if (s < '0' || s > '9') {
                throw invalid(s, "in exponent of numeric literal");
            }
            digits();
        }
    }

    private void digits() {
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
    }

    private void literal(String word) {
        for (int i = 1; i < word.length(); i++) {
            char c = next();
            if (c != word.charAt(i)) {
                throw invalid(c, "in literal " + word + " (expecting '" + word.charAt(i) + "')");
            }
        }
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    /** Running out of input inside a value is what Go reports as {@code unexpected EOF}. */
    private char next() {
        if (pos >= text.length()) {
            throw new SyntaxError("unexpected EOF");
        }
        return text.charAt(pos++);
    }

    private static SyntaxError invalid(char c, String context) {
        return new SyntaxError("invalid character " + quote(c) + " " + context);
    }

    /** Go's {@code quoteChar}: the character in single quotes, control characters escaped. */
    private static String quote(char c) {
        return switch (c) {
            case '\'' -> "'\\''";
            case '\n' -> "'\\n'";
            case '\r' -> "'\\r'";
            case '\t' -> "'\\t'";
            case '\b' -> "'\\b'";
            case '\f' -> "'\\f'";
            default -> c < 0x20 || c == 0x7f ? String.format("'\\x%02x'", (int) c) : "'" + c + "'";
        };
    }

    /** Control-flow exception carrying the finished message; no stack trace needed. */
    private static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }
}
