package io.lanchat.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Trimming one session's stored history to its character budget. */
final class SessionTest {
    private static Session of(String pending, Turn... turns) {
        return new Session("id", "secret", List.of(turns), pending == null ? null : new PendingMessage(pending, null,
                null));
    }

    @Test
    void charactersCountEveryTurnAndThePendingMessage() {
        assertThat(of("four", Turn.user("ab"), Turn.assistant("cde")).chars()).isEqualTo(9);
    }

    @Test
    void aSessionWithinItsBudgetIsKeptAsItIs() {
        Session session = of(null, Turn.user("ab"), Turn.assistant("cd"));

        assertThat(session.trimmedTo(4)).isSameAs(session);
    }

    @Test
    void thePendingMessageCountsAgainstTheBudgetAndOlderTurnsMakeRoomForIt() {
        Session session = of("pending!", Turn.user("q1"), Turn.assistant("a1"), Turn.user("q2"), Turn.assistant("a2"));

        assertThat(session.trimmedTo(12).turns()).extracting(Turn::content).containsExactly("q2", "a2");
    }

    @Test
    void aCutReplyNeverEndsInHalfACharacter() {
        String smiley = "\uD83D\uDE00";                      // one character, two UTF-16 units
        Session session = of(null, Turn.user("q"), Turn.assistant("ab" + smiley + "cd"));

        Session trimmed = session.trimmedTo(4);

        assertThat(trimmed.turns().get(1).content()).isEqualTo("ab");
    }

    @Test
    void reasoningCountsAgainstTheBudget() {
        assertThat(of(null, Turn.user("ab"), Turn.assistant("cde").withThinking("hmm")).chars()).isEqualTo(8);
    }

    @Test
    void theNewestRepliesReasoningGoesBeforeAnyOfItsAnswer() {
        Session session = of(null, Turn.user("q"), Turn.assistant("answer").withThinking("long reasoning"));

        Session trimmed = session.trimmedTo(7);

        assertThat(trimmed.turns().get(1).thinking()).isNull();
        assertThat(trimmed.turns().get(1).content()).isEqualTo("answer");
    }

    @Test
    void olderTurnsGoWithTheirReasoning() {
        Session session = of(null, Turn.user("q1"), Turn.assistant("a1").withThinking("0123456789"), Turn.user("q2"),
                Turn.assistant("a2"));

        assertThat(session.trimmedTo(5).turns()).extracting(Turn::content).containsExactly("q2", "a2");
    }
}
