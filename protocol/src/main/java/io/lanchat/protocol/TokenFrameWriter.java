package io.lanchat.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code token} frames, the frame a server sends once per token, with Jackson's string escaping but
 * without its data binding: byte for byte what {@link ProtocolJson} writes for a {@link TokenDelta}, with a
 * fraction of the garbage (a serializer provider, a generator and its contexts per frame, at thousands of frames
 * a second, kept the garbage collector busy).
 */
final class TokenFrameWriter {
    private static final byte[] TYPE = "{\"type\":\"token\"".getBytes(StandardCharsets.UTF_8);
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
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        byte[] id = token.id() == null ? null : encoder.quoteAsUTF8(token.id());
        byte[] text = encoder.quoteAsUTF8(token.text());
        out.write(TYPE);
        if (id != null) {
            out.write(ID);
            out.write(id);
            out.write('"');
        }
        out.write(SEQ);
        writeLong(out, token.seq());
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
