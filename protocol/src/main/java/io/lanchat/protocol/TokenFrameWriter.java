package io.lanchat.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code token} and {@code thinking} frames, the frames a server sends once per token, with Jackson's string
 * escaping but without its data binding: byte for byte what {@link ProtocolJson} writes for a {@link TokenDelta}
 * or a {@link ThinkingDelta}, with a
 * fraction of the garbage (a serializer provider, a generator and its contexts per frame, at thousands of frames
 * a second, kept the garbage collector busy).
 */
final class TokenFrameWriter {
    private static final byte[] TOKEN = "{\"type\":\"token\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] THINKING = "{\"type\":\"thinking\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ID = ",\"id\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SEQ = ",\"seq\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TEXT = ",\"text\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "\"}".getBytes(StandardCharsets.UTF_8);

    private TokenFrameWriter() {
    }

    /**
     * Writes the frame.
     *
     * @throws IllegalArgumentException when a string holds an unpaired surrogate (not valid UTF-8); nothing is
     *                                  written then
     */
    static void write(OutputStream out, TokenDelta token) throws IOException {
        write(out, TOKEN, token.id(), token.seq(), token.text());
    }

    /** Writes a {@code thinking} frame; see {@link #write(OutputStream, TokenDelta)}. */
    static void write(OutputStream out, ThinkingDelta thinking) throws IOException {
        write(out, THINKING, thinking.id(), thinking.seq(), thinking.text());
    }

    private static void write(OutputStream out, byte[] type, String requestId, long seq, String delta)
            throws IOException {
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        byte[] id = requestId == null ? null : encoder.quoteAsUTF8(requestId);
        byte[] text = encoder.quoteAsUTF8(delta);
        out.write(type);
        if (id != null) {
            out.write(ID);
            out.write(id);
            out.write('"');
        }
        out.write(SEQ);
        writeLong(out, seq);
        out.write(TEXT);
        out.write(text);
        out.write(END);
    }

    private static void writeLong(OutputStream out, long value) throws IOException {
        String digits = Long.toString(value);
        for (int i = 0; i < digits.length(); i++) {
            out.write(digits.charAt(i));
        }
    }
}
