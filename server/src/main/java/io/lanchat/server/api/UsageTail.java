package io.lanchat.server.api;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last few kilobytes of a relayed answer, where Ollama puts its token counts (the final NDJSON line, the end of
 * a single object, OpenAI's {@code usage}), read once the answer has ended. The bytes pass on untouched; only a
 * copy of the tail is kept, so memory stays bounded whatever the answer's length.
 */
final class UsageTail {
    static final int KEEP = 8 * 1024;
    private static final Pattern PROMPT = Pattern.compile("\"(?:prompt_eval_count|prompt_tokens)\"\\s*:\\s*(\\d+)");
    private static final Pattern GENERATED = Pattern.compile("\"(?:eval_count|completion_tokens)\"\\s*:\\s*(\\d+)");

    private final byte[] ring = new byte[KEEP];
    private long written;

    /**
     * Copies the readable bytes' tail, leaving the buffer's indexes as they were. In at most two bulk copies (the
     * ring's end, then its start): this runs on the event loop for every chunk of every answer.
     */
    void add(ByteBuf content) {
        int length = Math.min(content.readableBytes(), KEEP);
        int from = content.writerIndex() - length;
        int at = (int) (written % KEEP);
        int first = Math.min(length, KEEP - at);
        content.getBytes(from, ring, at, first);
        content.getBytes(from + first, ring, 0, length - first);
        written += length;
    }

    long promptTokens() {
        return last(PROMPT);
    }

    long generatedTokens() {
        return last(GENERATED);
    }

    /** The last value of the field in the tail, or 0 when it is not there (a failed or cut-short answer). */
    private long last(Pattern field) {
        Matcher matcher = field.matcher(text());
        long value = 0;
        while (matcher.find()) {
            value = Long.parseLong(matcher.group(1));
        }
        return value;
    }

    private String text() {
        int size = (int) Math.min(written, KEEP);
        byte[] ordered = new byte[size];
        for (int i = 0; i < size; i++) {
            ordered[i] = ring[(int) ((written - size + i) % KEEP)];
        }
        return new String(ordered, StandardCharsets.ISO_8859_1);      // digits and quotes: bytes suffice
    }
}
