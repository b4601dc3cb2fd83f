package io.lanchat.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class HistoryTrimmerTest {
    private static final List<Turn> HISTORY = List.of(
            Turn.user("aaaaaaaaaa"), Turn.assistant("bbbbbbbbbb"),
            Turn.user("cccccccccc"), Turn.assistant("dddddddddd"));

    @Test
    void keepsEverythingWithinBudget() {
        ContextWindow window = new HistoryTrimmer(1000, "sys").window(HISTORY, "new");

        assertThat(window.trimmed()).isZero();
        assertThat(window.messages()).hasSize(6);
        assertThat(window.messages().get(0)).isEqualTo(new Turn(Role.SYSTEM, "sys", false));
        assertThat(window.messages().get(5)).isEqualTo(Turn.user("new"));
    }

    @Test
    void dropsOldestTurnsFirstAndNeverStartsWithAnOrphanReply() {
        // budget fits system(3) + new(3) + the last two turns (20), and half of the next
        ContextWindow window = new HistoryTrimmer(31, "sys").window(HISTORY, "new");

        assertThat(window.trimmed()).isEqualTo(2);
        assertThat(window.messages()).extracting(Turn::content)
                .containsExactly("sys", "cccccccccc", "dddddddddd", "new");
    }

    @Test
    void skipsAReplyWhoseQuestionWasTrimmed() {
        ContextWindow window = new HistoryTrimmer(3 + 3 + 10 + 10 + 10, "sys").window(HISTORY, "new");

        assertThat(window.messages()).extracting(Turn::content)
                .containsExactly("sys", "cccccccccc", "dddddddddd", "new");
        assertThat(window.trimmed()).isEqualTo(2);
    }

    @Test
    void alwaysSendsSystemPromptAndNewestMessageEvenOverBudget() {
        ContextWindow window = new HistoryTrimmer(5, "a long system prompt").window(HISTORY, "a long new message");

        assertThat(window.messages()).extracting(Turn::content)
                .containsExactly("a long system prompt", "a long new message");
        assertThat(window.trimmed()).isEqualTo(4);
    }

    @Test
    void noSystemMessageWhenNoPromptIsConfigured() {
        ContextWindow window = new HistoryTrimmer(1000, "").window(List.of(), "hi");

        assertThat(window.messages()).containsExactly(Turn.user("hi"));
    }

    @Test
    void aSmallModelContextTrimsLikeABudgetOfFourCharactersAToken() {
        // 8 tokens: 32 characters, less than the budget of 1000: system(3) + new(3) + the last two turns (20) fit
        ContextWindow window = new HistoryTrimmer(1000, "sys").window(HISTORY, "new", null, 8);

        assertThat(window.messages()).extracting(Turn::content)
                .containsExactly("sys", "cccccccccc", "dddddddddd", "new");
        assertThat(window.trimmed()).isEqualTo(2);
        assertThat(window.forContext()).isTrue();
        assertThat(new HistoryTrimmer(31, "sys").window(HISTORY, "new", null, 1000).forContext())
                .as("the budget was the smaller").isFalse();
    }

    @Test
    void leavingOutMoreKeepsTheSystemPromptAndTheNewMessageAndNeverStartsWithAReply() {
        ContextWindow all = new HistoryTrimmer(1000, "sys").window(HISTORY, "new");

        ContextWindow shorter = HistoryTrimmer.leaveOutMore(all, 1);

        assertThat(shorter.messages()).extracting(Turn::content)
                .containsExactly("sys", "cccccccccc", "dddddddddd", "new");
        assertThat(shorter.trimmed()).isEqualTo(2);
        assertThat(shorter.forContext()).isTrue();
        ContextWindow bare = HistoryTrimmer.leaveOutMore(shorter, 10);
        assertThat(bare.messages()).extracting(Turn::content).containsExactly("sys", "new");
        assertThat(bare.trimmed()).isEqualTo(4);
        assertThat(HistoryTrimmer.leaveOutMore(bare, 2)).as("nothing left to leave out").isNull();
    }

    @Test
    void leavingOutMoreWithoutASystemPrompt() {
        ContextWindow all = new HistoryTrimmer(1000, "").window(HISTORY, "new");

        assertThat(HistoryTrimmer.leaveOutMore(all, 2).messages()).extracting(Turn::content)
                .containsExactly("cccccccccc", "dddddddddd", "new");
    }
}
