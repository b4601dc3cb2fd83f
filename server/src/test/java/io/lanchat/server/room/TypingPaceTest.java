package io.lanchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypingPaceTest {
    private static final long MS = 1_000_000;
    private final TypingPace pace = new TypingPace();

    @Test
    void theFirstPassesWhateverTheClockSays() {
        assertThat(pace.passes(0)).isTrue();
    }

    @Test
    void moreWithinTwoSecondsAreDropped() {
        pace.passes(-500 * MS);             // nanoTime may be negative

        assertThat(pace.passes(-499 * MS)).isFalse();
        assertThat(pace.passes(1_499 * MS)).isFalse();
    }

    @Test
    void twoSecondsLaterTheNextPassesAndStartsTheWaitAgain() {
        pace.passes(0);

        assertThat(pace.passes(2_000 * MS)).isTrue();
        assertThat(pace.passes(3_999 * MS)).isFalse();
        assertThat(pace.passes(4_000 * MS)).isTrue();
    }
}
