package io.lanchat.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;

/**
 * Writes an {@code application/x-ndjson} response the way gin's {@code c.Stream} does: headers only
 * with the first line, chunked transfer, one flush per line. Any failed write means the client has
 * gone and surfaces as {@link ClientGoneException}.
 *
 * <p>In split mode ({@link Fault#SPLIT_CHUNKS}) the bytes instead go out in flushed pieces of 1 to 5
 * bytes cut at arbitrary offsets (inside UTF-8 sequences, inside JSON tokens), and up to 3 bytes of
 * a line may be held back and sent with the next line, so pieces also straddle line boundaries.
 * Each flushed piece becomes its own HTTP chunk.
 */
final class NdjsonWriter {

    static final String CONTENT_TYPE = "application/x-ndjson";

    private final HttpExchange exchange;
    private final boolean split;
    private final Random random = new Random(0x11434); // fixed seed: reproducible cut points
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private OutputStream out;

    NdjsonWriter(HttpExchange exchange, boolean split) {
        this.exchange = exchange;
        this.split = split;
    }

    /** Writes one object followed by {@code \n}, sending the headers first if this is the first line. */
    void line(JsonNode node) throws ClientGoneException {
        byte[] json = GoJson.bytes(node);
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        raw(line);
    }

    /** Writes bytes as they are (used for deliberately malformed lines). */
    void raw(byte[] bytes) throws ClientGoneException {
        try {
            start();
            if (split) {
                held.writeBytes(bytes);
                drain(random.nextInt(4));
            } else {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }

    /** Ends the body cleanly: held bytes, then the terminating zero-length chunk. */
    void finish() throws ClientGoneException {
        try {
            start();
            drain(0);
            out.close();
            exchange.close();
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }

    private void start() throws IOException {
        if (out == null) {
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(200, 0); // 0 = chunked in the JDK server
            out = exchange.getResponseBody();
        }
    }

    /** Sends held bytes in small flushed pieces until only {@code keep} bytes remain. */
    private void drain(int keep) throws IOException {
        byte[] pending = held.toByteArray();
        int offset = 0;
        while (pending.length - offset > keep) {
            int size = Math.min(1 + random.nextInt(5), pending.length - offset - keep);
            out.write(pending, offset, size);
            out.flush();
            offset += size;
        }
        held.reset();
        held.write(pending, offset, pending.length - offset);
    }
}
