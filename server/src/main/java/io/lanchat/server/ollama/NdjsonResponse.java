package io.lanchat.server.ollama;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;

/**
 * One streamed Ollama response, as Ollama sends them all ({@code /api/chat}, {@code /api/pull}): HTTP 200 with
 * NDJSON lines, or another status with a JSON error body. Cuts the 200 body into lines for a {@link Receiver} and
 * collects an error body (bounded) into its text. Owns its buffers until {@link #release()}.
 */
final class NdjsonResponse {
    private static final int MAX_ERROR_BODY_BYTES = 16 * 1024;

    /** Gets what the response says; every call comes from {@link #read}. */
    interface Receiver {
        /** One complete line of a 200 response; false to read no further lines. */
        boolean line(ByteBuf line);

        /** A 200 body ended without the receiver having stopped; lines left without a newline were handed over. */
        void ended();

        /** A response other than 200, read to its end: its status and Ollama's error text. */
        void refused(int status, String errorText);

        /** A line grew past the limit: not NDJSON, or hostile. */
        void lineTooLong();
    }

    private final ByteBufAllocator alloc;
    private final int maxLineBytes;
    private final Receiver receiver;
    private NdjsonSplitter splitter;
    private ByteBuf errorBody;
    private int status;
    private boolean stopped;

    NdjsonResponse(ByteBufAllocator alloc, int maxLineBytes, Receiver receiver) {
        this.alloc = alloc;
        this.maxLineBytes = maxLineBytes;
        this.receiver = receiver;
    }

    /** Takes the next HTTP object; does not release it. */
    void read(Object msg) {
        if (msg instanceof HttpResponse response) {
            status = response.status().code();
            if (status == 200) {
                splitter = new NdjsonSplitter(alloc, maxLineBytes);
            } else {
                errorBody = alloc.buffer(256);
            }
        }
        if (!(msg instanceof HttpContent content) || stopped) {
            return;
        }
        ByteBuf bytes = content.content();
        if (splitter != null) {
            try {
                stopped = !splitter.feed(bytes, receiver::line);
            } catch (NdjsonSplitter.LineTooLongException e) {
                stopped = true;
                receiver.lineTooLong();
                return;
            }
        } else if (errorBody != null) {
            errorBody.writeBytes(bytes, bytes.readerIndex(),
                    Math.min(bytes.readableBytes(), MAX_ERROR_BODY_BYTES - errorBody.readableBytes()));
        }
        if (msg instanceof LastHttpContent && !stopped) {
            stopped = true;
            if (splitter == null) {
                String body = errorBody == null ? "" : errorBody.toString(StandardCharsets.UTF_8);
                receiver.refused(status, OllamaJson.errorText(body));
            } else if (splitter.finish(receiver::line)) {
                receiver.ended();
            }
        }
    }

    /** The HTTP status, or 0 before the response head came. */
    int status() {
        return status;
    }

    /** Whether bytes of an unfinished line are held (after the body's end: bytes that were not a line). */
    boolean hasPendingBytes() {
        return splitter != null && splitter.hasPending();
    }

    void release() {
        if (splitter != null) {
            splitter.release();
            splitter = null;
        }
        if (errorBody != null) {
            errorBody.release();
            errorBody = null;
        }
    }
}
