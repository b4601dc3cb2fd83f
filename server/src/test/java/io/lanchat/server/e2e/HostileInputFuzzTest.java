package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ServerMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Throws thousands of random and malformed frames at the server: each one gets a defined answer (one valid
 * server frame, or a close with the code the protocol names), nothing escapes, and a well-behaved user is
 * served throughout. Netty's leak detector (PARANOID for every server test) checks no buffer leaked. The seed is
 * printed; {@code -Dfuzz.seed=N} replays a run.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class HostileInputFuzzTest {
    private static final int FRAMES = 4_000;
    private static final int MAX_FRAME = 8192;
    private static final String[] TYPES = {"ping", "models", "dance", "", "PING", "chat ", "null"};

    @Test
    void everyHostileFrameGetsADefinedAnswer() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        // In the test's output file; a failure's message names it too.
        System.out.println("HostileInputFuzzTest seed " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        int answered = 0;
        int closed = 0;
        try (ServerFixture fixture = ServerFixture.start("--max-frame-bytes", String.valueOf(MAX_FRAME),
                "--max-connections-per-address", "1000",
                "--requests-per-minute", "1000000")) {      // every frame answered, not just the allowance
            RawWebSocket socket = open(fixture);
            for (int i = 0; i < FRAMES; i++) {
                Expectation expected = sendRandomFrame(socket, random);
                if (expected == Expectation.ANSWER) {
                    RawWebSocket.Frame frame = socket.read();
                    assertThat(frame.opcode()).as("seed %d frame %d", seed, i).isEqualTo(RawWebSocket.TEXT);
                    ServerMessage message = ProtocolJson.readServer(new String(frame.payload(), StandardCharsets.UTF_8));
                    assertThat(message).as("seed %d frame %d", seed, i).isNotNull();
                    answered++;
                } else {
                    assertThat(socket.readCloseCode()).as("seed %d frame %d", seed, i).isEqualTo(expected.closeCode);
                    socket.close();
                    socket = open(fixture);
                    closed++;
                }
            }
            socket.close();

            try (TestClient bystander = fixture.connect()) {
                bystander.send(new ChatRequest("b1", "still serving?"));
                assertThat(bystander.awaitFrame(ReplyDone.class).id()).isEqualTo("b1");
            }
        }
        assertThat(answered + closed).isEqualTo(FRAMES);
        assertThat(closed).as("some frames were fatal by design").isPositive();
    }

    private enum Expectation {
        ANSWER(0), UNSUPPORTED(1003), INVALID_UTF8(1007), TOO_BIG(1009);

        final int closeCode;

        Expectation(int closeCode) {
            this.closeCode = closeCode;
        }
    }

    private static RawWebSocket open(ServerFixture fixture) throws IOException {
        RawWebSocket socket = new RawWebSocket(fixture.port());
        socket.readTextContaining("\"hello\"");
        return socket;
    }

    private static Expectation sendRandomFrame(RawWebSocket socket, Random random) throws IOException {
        int kind = random.nextInt(100);
        if (kind < 2) {
            socket.send(RawWebSocket.BINARY, randomBytes(random, random.nextInt(64)), true);
            return Expectation.UNSUPPORTED;
        }
        if (kind < 4) {
            socket.send(RawWebSocket.TEXT, invalidUtf8(random), true);
            return Expectation.INVALID_UTF8;
        }
        if (kind < 6) {
            socket.send(RawWebSocket.TEXT, ("\"" + "x".repeat(MAX_FRAME + random.nextInt(1000)) + "\"")
                    .getBytes(StandardCharsets.UTF_8), true);
            return Expectation.TOO_BIG;
        }
        byte[] payload = (kind < 40 ? randomJsonish(random) : kind < 55 ? nested(random)
                : kind < 75 ? randomText(random) : wrongTypes(random)).getBytes(StandardCharsets.UTF_8);
        if (payload.length > MAX_FRAME) {
            payload = "{".getBytes(StandardCharsets.UTF_8);
        }
        if (kind >= 90 && payload.length > 2) {
            int cut = 1 + random.nextInt(payload.length - 1);   // a fragmented message
            socket.send(RawWebSocket.TEXT, java.util.Arrays.copyOfRange(payload, 0, cut), false);
            socket.send(0x0, java.util.Arrays.copyOfRange(payload, cut, payload.length), true);
        } else {
            socket.send(RawWebSocket.TEXT, payload, true);
        }
        return Expectation.ANSWER;
    }

    private static String randomJsonish(Random random) {
        StringBuilder json = new StringBuilder("{");
        if (random.nextInt(4) > 0) {
            json.append("\"type\":\"").append(TYPES[random.nextInt(TYPES.length)]).append('"');
        }
        int fields = random.nextInt(4);
        for (int i = 0; i < fields; i++) {
            json.append(json.length() > 1 ? "," : "").append('"')
                    .append(new String[] {"id", "text", "model", "options", "x", "lastSeq"}[random.nextInt(6)])
                    .append("\":").append(randomValue(random, 0));
        }
        return random.nextInt(10) == 0 ? json.toString() : json.append('}').toString();
    }

    private static String randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 3 ? 5 : 7)) {
            case 0 -> String.valueOf(random.nextInt());
            case 1 -> "\"" + randomText(random).replace("\\", "").replace("\"", "") + "\"";
            case 2 -> random.nextBoolean() ? "true" : "null";
            case 3 -> String.valueOf(random.nextDouble() * 1e300);
            case 4 -> "\"\\ud800\"";                                   // a lone surrogate escape
            case 5 -> "[" + randomValue(random, depth + 1) + "," + randomValue(random, depth + 1) + "]";
            default -> "{\"k\":" + randomValue(random, depth + 1) + "}";
        };
    }

    private static String nested(Random random) {
        int depth = 1 + random.nextInt(3000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        return "{\"type\":\"chat\",\"text\":\"hi\",\"options\":" + open.repeat(Math.min(depth, MAX_FRAME / 6));
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(200);
        for (int i = 0; i < length; i++) {
            int c = random.nextInt(5) == 0 ? 0x20 + random.nextInt(0x2FFF) : 0x20 + random.nextInt(0x5F);
            if (!Character.isSurrogate((char) c)) {
                text.append((char) c);
            }
        }
        return text.toString();
    }

    private static String wrongTypes(Random random) {
        String[] frames = {
            "{\"type\":\"chat\",\"text\":" + random.nextInt() + "}",
            "{\"type\":\"chat\",\"text\":[\"a\"]}",
            "{\"type\":\"cancel\",\"id\":{}}",
            "{\"type\":\"resume\",\"sessionId\":1,\"secret\":2}",
            "{\"type\":\"resume\",\"sessionId\":\"s\",\"secret\":\"t\",\"lastSeq\":\"x\"}",
            "{\"type\":\"retry\",\"model\":\"a b\"}",
            "{\"type\":\"chat\",\"text\":\"hi\",\"options\":\"hot\"}",
            "{\"type\":\"chat\",\"text\":\"" + "y".repeat(random.nextInt(10)) + "\",\"id\":\"" + "i".repeat(129) + "\"}",
            "[]", "\"\"", "42", "null", "{}", "", " ",
        };
        return frames[random.nextInt(frames.length)];
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] invalidUtf8(Random random) {
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}};
        byte[] prefix = "{\"type\":\"ping\",\"id\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] chosen = bad[random.nextInt(bad.length)];
        byte[] out = java.util.Arrays.copyOf(prefix, prefix.length + chosen.length + 2);
        System.arraycopy(chosen, 0, out, prefix.length, chosen.length);
        out[out.length - 2] = '"';
        out[out.length - 1] = '}';
        return out;
    }
}
