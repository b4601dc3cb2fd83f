package io.lanchat.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Hostile frames from a seeded generator: random and malformed JSON, wrong types, huge numbers, deep nesting,
 * fragmented messages and control frames (which the server must answer and survive), and, about one frame in
 * fifty, frames that must make it close the connection: binary, invalid UTF-8, oversized, reserved opcodes, RSV
 * bits, unmasked, fragmented control frames, stray continuations, a client close, garbage bytes.
 */
final class HostileFrames {
    /**
     * The bytes to write; {@code fatal}: the connection cannot go on after them; {@code mustClose}: the server can
     * tell at once and must close it (garbage may instead look like the start of a long frame, so the server
     * rightly waits for the rest).
     */
    record Hostile(byte[] bytes, boolean fatal, boolean mustClose, String kind) {
        Hostile(byte[] bytes, boolean fatal, String kind) {
            this(bytes, fatal, fatal, kind);
        }
    }

    private static final String[] TYPES = {"chat", "retry", "cancel", "reset", "models", "ping", "resume", "pull",
        "dance", "", "PING", "chat ", "null", "token", "hello"};
    private static final String[] FIELDS = {"type", "id", "text", "model", "options", "sessionId", "secret",
        "replyId", "lastSeq", "x", "", "TYPE", "\u0000"};
    private final Random random;
    private final int maxFrameBytes;

    HostileFrames(long seed, int maxFrameBytes) {
        this.random = new Random(seed);
        this.maxFrameBytes = maxFrameBytes;
    }

    Hostile next() {
        if (random.nextInt(50) == 0) {
            return fatal();
        }
        return switch (random.nextInt(10)) {
            case 0 -> text("random-json", randomJson());
            case 1 -> text("wrong-types", "{\"type\":\"" + pick(TYPES) + "\",\"id\":" + randomValue(0) + ",\"text\":"
                    + randomValue(0) + ",\"lastSeq\":" + randomValue(0) + "}");
            case 2 -> text("huge-number", "{\"type\":\"resume\",\"sessionId\":\"s\",\"secret\":\"t\",\"lastSeq\":"
                    + pick(new String[] {"1e400", "-1e400", "99999999999999999999999999", "9223372036854775807",
                        "9223372036854775808", "-9223372036854775809", "1.5", "-2", "0x10", "NaN"}) + "}");
            case 3 -> text("deep-nesting", "{\"type\":\"chat\",\"text\":\"x\",\"options\":"
                    + "{\"a\":".repeat(1 + random.nextInt(40)) + "1" + "}".repeat(1 + random.nextInt(40)) + "}");
            case 4 -> text("not-json", randomPrintable(random.nextInt(200)));
            case 5 -> text("valid-ish", pick(new String[] {"{\"type\":\"ping\",\"id\":\"p\"}", "{\"type\":\"models\"}",
                "{\"type\":\"cancel\"}", "{\"type\":\"reset\",\"id\":\"z\"}", "{\"type\":\"retry\"}",
                "{\"type\":\"ping\",\"type\":\"ping\"}", "{\"type\":\"chat\",\"text\":\"   \"}",
                "{\"type\":\"chat\",\"id\":\"\\u0001\",\"text\":\"hi\"}", "[]", "null", "\"chat\"", "{}", ""}));
            case 6 -> fragmented();
            case 7 -> soft("control", RawWebSocket.frame(random.nextBoolean() ? RawWebSocket.PING : RawWebSocket.PONG,
                    true, 0, true, bytes(random.nextInt(126)), -1));
            case 8 -> random.nextInt(10) > 0 ? text("long-string", "{\"type\":\"chat\",\"text\":\""
                    + "y".repeat(100 + random.nextInt(2_000)) + "\"}")
                    : text("long-string", "{\"type\":\"chat\",\"text\":\""
                    + "x".repeat(Math.max(1, random.nextInt(Math.max(2, maxFrameBytes - 64)))) + "\"}");
            default -> text("unknown-fields", "{\"type\":\"" + pick(TYPES) + "\",\"" + pick(FIELDS) + "\":"
                    + randomValue(0) + ",\"" + pick(FIELDS) + "\":" + randomValue(0) + "}");
        };
    }

    private Hostile fatal() {
        return switch (random.nextInt(10)) {
            case 0 -> new Hostile(RawWebSocket.frame(RawWebSocket.BINARY, true, 0, true, bytes(1 + random.nextInt(200)),
                    -1), true, "binary");
            case 1 -> new Hostile(RawWebSocket.frame(RawWebSocket.TEXT, true, 0, true,
                    pick(new byte[][] {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {'{', (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80, '}'}}), -1),
                    true, "invalid-utf8");
            case 2 -> new Hostile(RawWebSocket.frame(RawWebSocket.TEXT, true, 0, true, new byte[0],
                    maxFrameBytes + 1L + random.nextInt(Integer.MAX_VALUE)), true, "oversized");
            case 3 -> new Hostile(RawWebSocket.frame(pick(new int[] {3, 4, 5, 6, 7, 11, 12, 13, 14, 15}), true, 0,
                    true, bytes(random.nextInt(20)), -1), true, "reserved-opcode");
            case 4 -> new Hostile(RawWebSocket.frame(RawWebSocket.TEXT, true, 1 + random.nextInt(7), true,
                    utf8("{\"type\":\"ping\"}"), -1), true, "rsv-bits");
            case 5 -> new Hostile(RawWebSocket.frame(RawWebSocket.TEXT, true, 0, false, utf8("{\"type\":\"ping\"}"),
                    -1), true, "unmasked");
            case 6 -> new Hostile(RawWebSocket.frame(RawWebSocket.PING, false, 0, true, bytes(4), -1), true,
                    "fragmented-control");
            case 7 -> new Hostile(RawWebSocket.frame(RawWebSocket.CONTINUATION, true, 0, true, utf8("}"), -1), true,
                    "stray-continuation");
            case 8 -> new Hostile(RawWebSocket.frame(RawWebSocket.CLOSE, true, 0, true, new byte[] {0x03, (byte) 0xE8},
                    -1), true, "client-close");
            default -> new Hostile(bytes(1 + random.nextInt(64)), true, false, "garbage");
        };
    }

    private Hostile text(String kind, String json) {
        byte[] payload = utf8(json);
        return soft(kind, RawWebSocket.frame(RawWebSocket.TEXT, true, 0, true, payload, payload.length));
    }

    private static Hostile soft(String kind, byte[] bytes) {
        return new Hostile(bytes, false, kind);
    }

    /** A valid-or-not JSON text message split over two to four frames, with a ping between two of them. */
    private Hostile fragmented() {
        byte[] whole = utf8(random.nextBoolean() ? "{\"type\":\"ping\",\"id\":\"f\"}" : randomJson());
        int parts = Math.min(whole.length, 2 + random.nextInt(3));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int at = 0;
        for (int i = 0; i < parts; i++) {
            int end = i == parts - 1 ? whole.length : at + Math.max(1, (whole.length - at) / (parts - i));
            byte[] piece = java.util.Arrays.copyOfRange(whole, at, end);
            out.writeBytes(RawWebSocket.frame(i == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION,
                    i == parts - 1, 0, true, piece, -1));
            if (i == 0) {
                out.writeBytes(RawWebSocket.frame(RawWebSocket.PING, true, 0, true, bytes(3), -1));
            }
            at = end;
        }
        return soft("fragmented", out.toByteArray());
    }

    private String randomJson() {
        StringBuilder s = new StringBuilder("{");
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append('"').append(random.nextBoolean() ? pick(FIELDS) : randomPrintable(5).replace("\"", "").replace(
                    "\\", "")).append("\":").append(i == 0 && random.nextBoolean() ? "\"" + pick(TYPES) + "\""
                    : randomValue(0));
        }
        return s.append(random.nextInt(20) == 0 ? "" : "}").toString();
    }

    private String randomValue(int depth) {
        return switch (random.nextInt(depth > 3 ? 6 : 8)) {
            case 0 -> "null";
            case 1 -> Boolean.toString(random.nextBoolean());
            case 2 -> Long.toString(random.nextLong());
            case 3 -> Double.toString(random.nextGaussian() * 1e300);
            case 4 -> "\"" + randomPrintable(random.nextInt(30)).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case 5 -> "\"\\u" + String.format("%04x", random.nextInt(0x10000)) + "\"";
            case 6 -> "[" + randomValue(depth + 1) + "," + randomValue(depth + 1) + "]";
            default -> "{\"k\":" + randomValue(depth + 1) + "}";
        };
    }

    private String randomPrintable(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(10) == 0 ? (char) (0x80 + random.nextInt(0x3000))
                    : (char) (32 + random.nextInt(95)));
        }
        return s.toString().replaceAll("[\\uD800-\\uDFFF]", "?");
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    private int pick(int[] options) {
        return options[random.nextInt(options.length)];
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
