package io.lanchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A reply's log: reasoning and answer numbered together, each read back apart. */
final class DeltaLogTest {

    @Test
    void reasoningAndAnswerShareOneNumberingAndAreReadBackApart() {
        DeltaLog log = new DeltaLog();

        long a = log.appendThinking("Two and");
        long b = log.appendThinking(" two");
        long c = log.append("Four");
        long d = log.append(".");

        assertThat(new long[] {a, b, c, d}).containsExactly(0, 1, 2, 3);
        assertThat(log.isThinking(1)).isTrue();
        assertThat(log.isThinking(2)).isFalse();
        assertThat(log.delta(1)).isEqualTo(" two");
        assertThat(log.delta(3)).isEqualTo(".");
        assertThat(log.thinking()).isEqualTo("Two and two");
        assertThat(log.text()).isEqualTo("Four.");
        assertThat(log.textLength()).isEqualTo(16);
    }

    @Test
    void whatWasDeliveredBeforeASequenceNumberIsSplitTheSameWay() {
        DeltaLog log = new DeltaLog();
        log.appendThinking("hm");
        log.append("A");
        log.append("B");

        assertThat(log.thinkingBefore(1)).isEqualTo("hm");
        assertThat(log.textBefore(1)).isEmpty();
        assertThat(log.textBefore(2)).isEqualTo("A");
        assertThat(log.textBefore(99)).isEqualTo("AB");
        assertThat(log.thinkingBefore(0)).isEmpty();
    }

    @Test
    void growsPastItsFirstCapacity() {
        DeltaLog log = new DeltaLog();
        for (int i = 0; i < 200; i++) {
            if (i % 2 == 0) {
                log.appendThinking("t" + i);
            } else {
                log.append("a" + i);
            }
        }

        assertThat(log.size()).isEqualTo(200);
        assertThat(log.delta(198)).isEqualTo("t198");
        assertThat(log.delta(199)).isEqualTo("a199");
    }
}
