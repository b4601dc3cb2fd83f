package io.lanchat.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class UsageTailTest {

    @Test
    void readsTheLastCountsEvenWhenALineIsSplitAcrossChunks() {
        UsageTail tail = new UsageTail();
        add(tail, "{\"message\":{\"content\":\"x\"},\"done\":false}\n" + "y".repeat(UsageTail.KEEP));
        add(tail, "{\"done\":true,\"prompt_eval_count\":12,\"prompt_eval_dur");
        add(tail, "ation\":5,\"eval_count\":34,\"eval_duration\":7}\n");

        assertThat(tail.promptTokens()).isEqualTo(12);
        assertThat(tail.generatedTokens()).isEqualTo(34);
    }

    @Test
    void readsOpenAisUsageAndLeavesTheBufferUntouched() {
        UsageTail tail = new UsageTail();
        ByteBuf buf = Unpooled.copiedBuffer("{\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}",
                StandardCharsets.UTF_8);

        tail.add(buf);

        assertThat(buf.readerIndex()).isZero();
        assertThat(tail.promptTokens()).isEqualTo(3);
        assertThat(tail.generatedTokens()).isEqualTo(2);
        buf.release();
    }

    @Test
    void countsNothingForAnAnswerWithoutCounts() {
        UsageTail tail = new UsageTail();
        add(tail, "{\"error\":\"boom\"}");

        assertThat(tail.promptTokens()).isZero();
        assertThat(tail.generatedTokens()).isZero();
    }

    @Test
    void readsCountsThatStraddleTheRingsEnd() {
        UsageTail tail = new UsageTail();
        String counts = "{\"done\":true,\"prompt_eval_count\":5,\"eval_count\":6}";
        for (int shift = 1; shift < 60; shift += 7) {
            add(tail, "z".repeat(UsageTail.KEEP - shift - counts.length() / 2));   // the counts cross the wrap

            add(tail, counts + "\n");

            assertThat(tail.promptTokens()).as("shift %d", shift).isEqualTo(5);
            assertThat(tail.generatedTokens()).isEqualTo(6);
        }
    }

    private static void add(UsageTail tail, String text) {
        ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        tail.add(buf);
        buf.release();
    }
}
