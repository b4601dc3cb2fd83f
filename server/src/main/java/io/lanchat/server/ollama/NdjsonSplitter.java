package io.lanchat.server.ollama;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.function.Predicate;

/**
 * Cuts a byte stream into NDJSON lines, whatever the chunk boundaries: a line, or even a UTF-8 character,
 * may be split across reads. Splitting on the byte {@code '\n'} is safe in UTF-8, since that byte never
 * occurs inside a multi-byte character. Not thread-safe; owned by one channel handler.
 */
final class NdjsonSplitter {
    private final ByteBuf pending;
    private final int maxLineBytes;

    NdjsonSplitter(ByteBufAllocator alloc, int maxLineBytes) {
        this.pending = alloc.buffer(256);
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Appends {@code bytes} and hands every complete non-blank line (without its CR/LF) to {@code line},
     * whose result says whether to go on.
     *
     * @return false when {@code line} asked to stop
     * @throws LineTooLongException when a line grows past the limit without ending
     */
    boolean feed(ByteBuf bytes, Predicate<ByteBuf> line) {
        pending.writeBytes(bytes);
        int eol;
        while ((eol = pending.indexOf(pending.readerIndex(), pending.writerIndex(), (byte) '\n')) >= 0) {
            ByteBuf slice = pending.readSlice(eol - pending.readerIndex());
            pending.skipBytes(1);
            if (!emit(slice, line)) {
                return false;
            }
        }
        if (pending.readableBytes() > maxLineBytes) {
            throw new LineTooLongException(maxLineBytes);
        }
        pending.discardSomeReadBytes();
        return true;
    }

    /** Hands over a last line that had no newline (Ollama's single-object replies end without one). */
    boolean finish(Predicate<ByteBuf> line) {
        return !pending.isReadable() || emit(pending.readSlice(pending.readableBytes()), line);
    }

    /** Whether bytes of an unfinished line are held. */
    boolean hasPending() {
        return pending.isReadable();
    }

    void release() {
        pending.release();
    }

    private static boolean emit(ByteBuf slice, Predicate<ByteBuf> line) {
        int end = slice.writerIndex();
        if (end > slice.readerIndex() && slice.getByte(end - 1) == '\r') {
            slice.writerIndex(end - 1);
        }
        if (isBlank(slice)) {
            return true;
        }
        return line.test(slice);
    }

    private static boolean isBlank(ByteBuf slice) {
        for (int i = slice.readerIndex(); i < slice.writerIndex(); i++) {
            byte b = slice.getByte(i);
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A line longer than the limit: the peer is not speaking NDJSON, or is hostile. */
    static final class LineTooLongException extends RuntimeException {
        LineTooLongException(int limit) {
            super("a stream line is longer than " + limit + " bytes");
        }
    }
}
