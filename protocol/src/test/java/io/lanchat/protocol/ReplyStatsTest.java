package io.lanchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class ReplyStatsTest {

    @Test
    void tokensPerSecondIsReplyTokensOverEvalSeconds() {
        ReplyStats stats = new ReplyStats(26, 100, 5_000_000_000L, 1_000L, 300_000_000L, 2_000_000_000L);

        Double tokensPerSecond = stats.tokensPerSecond();

        assertThat(tokensPerSecond).isEqualTo(50.0);
    }

    @Test
    void tokensPerSecondUsesTheEvalDurationNotTheTotal() {
        ReplyStats stats = new ReplyStats(26, 298, 5_043_500_667L, 5_025_959L, 325_953_000L, 4_709_213_000L);

        Double tokensPerSecond = stats.tokensPerSecond();

        assertThat(tokensPerSecond).isCloseTo(63.28, within(0.01));
    }

    @Test
    void tokensPerSecondDoesNotOverflowForLargeCounts() {
        ReplyStats stats = new ReplyStats(null, Integer.MAX_VALUE, null, null, null, 1L);

        Double tokensPerSecond = stats.tokensPerSecond();

        assertThat(tokensPerSecond).isEqualTo(Integer.MAX_VALUE * 1e9);
    }

    @Test
    void tokensPerSecondIsZeroForAnEmptyReply() {
        ReplyStats stats = new ReplyStats(26, 0, null, null, null, 1_000_000L);

        Double tokensPerSecond = stats.tokensPerSecond();

        assertThat(tokensPerSecond).isZero();
    }

    static Stream<Arguments> statsWithoutARate() {
        return Stream.of(
                arguments("no reply token count", new ReplyStats(26, null, 1L, 1L, 1L, 2_000_000_000L)),
                arguments("no eval duration", new ReplyStats(26, 100, 1L, 1L, 1L, null)),
                arguments("zero eval duration", new ReplyStats(26, 100, 1L, 1L, 1L, 0L)),
                arguments("negative eval duration", new ReplyStats(26, 100, 1L, 1L, 1L, -5L)),
                arguments("no figures at all", new ReplyStats(null, null, null, null, null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statsWithoutARate")
    void tokensPerSecondIsNullWhenOllamaGaveNoUsableFigures(String situation, ReplyStats stats) {
        Double tokensPerSecond = stats.tokensPerSecond();

        assertThat(tokensPerSecond).isNull();
    }
}
