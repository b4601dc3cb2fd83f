package io.lanchat.reliability;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a HotSpot JVM's performance-data file ({@code /tmp/hsperfdata_USER/PID}, what {@code jstat} reads), so
 * the heap can be sampled every few seconds without starting a JVM each time. Format: a prologue (magic
 * 0xcafec0c0, byte order, entry offset and count at bytes 24 and 28), then entries of {length, name offset,
 * vector length, type, flags, units, variability, data offset}.
 */
final class PerfData {
    private static final int MAGIC = 0xcafec0c0;
    private final Path file;

    PerfData(long pid) {
        this.file = Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_" + System.getProperty("user.name"),
                Long.toString(pid));
    }

    /** Sum of {@code sun.gc.generation.*.space.*.used}: eden, survivors and old generation; -1 if unreadable. */
    long heapUsed() {
        try {
            ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file));
            if (buf.getInt(0) != MAGIC) {
                return -1;
            }
            buf.order(buf.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int at = buf.getInt(24);
            int entries = buf.getInt(28);
            long used = 0;
            for (int i = 0; i < entries && at + 20 <= buf.limit(); i++) {
                int length = buf.getInt(at);
                int nameOffset = buf.getInt(at + 4);
                byte type = buf.get(at + 12);
                int dataOffset = buf.getInt(at + 16);
                if (length <= 0) {
                    break;
                }
                if (type == 'J') {
                    String name = name(buf, at + nameOffset);
                    if (name.startsWith("sun.gc.generation.") && name.contains(".space.") && name.endsWith(".used")) {
                        used += buf.getLong(at + dataOffset);
                    }
                }
                at += length;
            }
            return used;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String name(ByteBuffer buf, int start) {
        int end = start;
        while (end < buf.limit() && buf.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        buf.get(start, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
