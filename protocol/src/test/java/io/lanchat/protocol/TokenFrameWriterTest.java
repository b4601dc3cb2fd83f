package io.lanchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The token fast path writes exactly what Jackson's data binding writes for the same frame. */
final class TokenFrameWriterTest {

    @Test
    void writesTheSameBytesAsDataBindingForAwkwardText() throws IOException {
        String[] texts = {"", "Sunlight", " the", "\"quoted\"", "back\\slash", "a/b", "line\nbreak\r\t\b\f",
            "\u0000\u0001\u001f\u007f", "é ü ß ñ", "日本語", "emoji 😀 and 🇫🇷", "\u2028\u2029", "</script>",
            "{\"type\":\"x\"}", "\uD83D\uDE00", "\uD800 unpaired", "end \uDC00"};
        for (String text : texts) {
            assertSame(new TokenDelta("c-42", 7, text));
            assertSame(new TokenDelta(null, 0, text));
            assertSame(new TokenDelta("id \"with\" quotes\n", Long.MAX_VALUE, text));
        }
    }

    @Test
    void writesTheSameBytesAsDataBindingForRandomText() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(20);
            for (int c = 0; c < length; c++) {
                text.append((char) switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80);           // ASCII, controls included
                    case 1 -> 0x80 + random.nextInt(0x780);   // two-byte UTF-8
                    case 2 -> 0x800 + random.nextInt(0xD000); // three-byte UTF-8, surrogates included
                    default -> random.nextInt(0x10000);
                });
            }
            assertSame(new TokenDelta("r" + i, i, text.toString()));
        }
    }

    @Test
    void theByteArrayFormIsTheSameToo() throws IOException {
        TokenDelta token = new TokenDelta("c-1", 3, "Hello, \"world\" 😀\n");
        assertThat(new String(ProtocolJson.writeServer(token), StandardCharsets.UTF_8))
                .isEqualTo(dataBinding(token))
                .isEqualTo("{\"type\":\"token\",\"id\":\"c-1\",\"seq\":3,\"text\":\"Hello, \\\"world\\\" 😀\\n\"}");
    }

    @Test
    void thinkingFramesTakeTheSameFastPath() throws IOException {
        String[] texts = {"", "Hmm, \"why\"", "line\nbreak", "日本語 😀", "\uD800 unpaired", "</think>"};
        for (String text : texts) {
            ThinkingDelta thinking = new ThinkingDelta("c-42", 9, text);
            ByteArrayOutputStream fast = new ByteArrayOutputStream();
            ProtocolJson.writeServer(fast, thinking);
            ByteArrayOutputStream slow = new ByteArrayOutputStream();
            ProtocolJson.writeServerWithDataBinding(slow, thinking);
            assertThat(fast.toByteArray()).as("frame for %s", thinking).isEqualTo(slow.toByteArray());
            assertThat(ProtocolJson.writeServer(thinking)).isEqualTo(slow.toByteArray());
        }
        assertThat(new String(ProtocolJson.writeServer(new ThinkingDelta("c-1", 0, "so")), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"thinking\",\"id\":\"c-1\",\"seq\":0,\"text\":\"so\"}");
    }

    private static void assertSame(TokenDelta token) throws IOException {
        ByteArrayOutputStream fast = new ByteArrayOutputStream();
        ProtocolJson.writeServer(fast, token);
        ByteArrayOutputStream slow = new ByteArrayOutputStream();
        ProtocolJson.writeServerWithDataBinding(slow, token);
        assertThat(fast.toByteArray()).as("frame for %s: %s", token, fast.toString(StandardCharsets.UTF_8))
                .isEqualTo(slow.toByteArray());
    }

    private static String dataBinding(TokenDelta token) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProtocolJson.writeServerWithDataBinding(out, token);
        return out.toString(StandardCharsets.UTF_8);
    }
}
