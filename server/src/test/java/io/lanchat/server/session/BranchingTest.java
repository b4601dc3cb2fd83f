package io.lanchat.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.VersionInfo;
import io.lanchat.server.store.ConversationRecord;
import io.lanchat.server.store.StoredConversation;
import io.lanchat.server.store.StoredBranch;
import io.lanchat.server.store.StoredMessage;
import io.lanchat.server.store.StoredVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Versions of messages in a session: regenerate, edit and switching between versions, one edge case each. */
final class BranchingTest {
    private static Session of(Turn... turns) {
        return new Session("id", "secret", List.of(turns), null);
    }

    private static List<String> texts(Session session) {
        return session.turns().stream().map(Turn::content).toList();
    }

    private static VersionInfo versionOf(Session session, int seq) {
        VersionSlot slot = session.versions().slot(seq);
        return slot == null ? null : new VersionInfo(slot.shown(), slot.count());
    }

    private final Session twoExchanges = of(Turn.user("q0"), Turn.assistant("a1"), Turn.user("q2"),
            Turn.assistant("a3"));

    @Test
    void regeneratingTheLastReplyKeepsTheOldOneAsVersionOne() {
        Session regenerated = Branching.withNewVersion(twoExchanges, 3, List.of(Turn.assistant("a3'")));

        assertThat(texts(regenerated)).containsExactly("q0", "a1", "q2", "a3'");
        assertThat(versionOf(regenerated, 3)).isEqualTo(new VersionInfo(2, 2));
        assertThat(Branching.showing(regenerated, 3, 1).turns()).extracting(Turn::content)
                .containsExactly("q0", "a1", "q2", "a3");
    }

    @Test
    void editingAnEarlierQuestionHidesEverythingAfterItAsOneBranch() {
        Session edited = Branching.withNewVersion(twoExchanges, 0, List.of(Turn.user("q0'"), Turn.assistant("a1'")));

        assertThat(texts(edited)).containsExactly("q0'", "a1'");
        assertThat(versionOf(edited, 0)).isEqualTo(new VersionInfo(2, 2));
        assertThat(texts(Branching.showing(edited, 0, 1))).containsExactly("q0", "a1", "q2", "a3");
    }

    @Test
    void switchingBackAndForthLosesNothing() {
        Session edited = Branching.withNewVersion(twoExchanges, 2, List.of(Turn.user("q2'"), Turn.assistant("b3")));

        Session back = Branching.showing(Branching.showing(edited, 2, 1), 2, 2);

        assertThat(texts(back)).containsExactly("q0", "a1", "q2'", "b3");
        assertThat(versionOf(back, 2)).isEqualTo(new VersionInfo(2, 2));
    }

    @Test
    void aNewVersionIsAddedLastWhateverVersionWasShown() {
        Session three = Branching.withNewVersion(Branching.withNewVersion(twoExchanges, 3,
                List.of(Turn.assistant("v2"))), 3, List.of(Turn.assistant("v3")));
        Session fromFirst = Branching.withNewVersion(Branching.showing(three, 3, 1), 3, List.of(Turn.assistant("v4")));

        assertThat(versionOf(fromFirst, 3)).isEqualTo(new VersionInfo(4, 4));
        assertThat(texts(Branching.showing(fromFirst, 3, 1))).endsWith("a3");
        assertThat(texts(Branching.showing(fromFirst, 3, 2))).endsWith("v2");
        assertThat(texts(Branching.showing(fromFirst, 3, 3))).endsWith("v3");
    }

    @Test
    void versionsOfLaterMessagesTravelWithTheirBranch() {
        Session regenerated = Branching.withNewVersion(twoExchanges, 3, List.of(Turn.assistant("a3'")));
        Session edited = Branching.withNewVersion(regenerated, 2, List.of(Turn.user("q2'"), Turn.assistant("b3")));

        assertThat(versionOf(edited, 3)).as("the new branch's reply has one version").isNull();
        Session back = Branching.showing(edited, 2, 1);

        assertThat(texts(back)).containsExactly("q0", "a1", "q2", "a3'");
        assertThat(versionOf(back, 3)).isEqualTo(new VersionInfo(2, 2));
        assertThat(texts(Branching.showing(back, 3, 1))).endsWith("a3");
    }

    @Test
    void showingTheVersionShownChangesNothing() {
        Session regenerated = Branching.withNewVersion(twoExchanges, 3, List.of(Turn.assistant("a3'")));

        assertThat(Branching.showing(regenerated, 3, 2)).isSameAs(regenerated);
    }

    @Test
    void aMessageWaitingForRetryStaysWithItsBranch() {
        Session waiting = twoExchanges.withPending("q4 failed");
        Session edited = Branching.withNewVersion(waiting, 2, List.of(Turn.user("q2'"), Turn.assistant("b3")));

        assertThat(edited.pending()).isNull();
        Session back = Branching.showing(edited, 2, 1);

        assertThat(back.pending()).isEqualTo("q4 failed");
        assertThat(texts(back)).containsExactly("q0", "a1", "q2", "a3");
        assertThat(Branching.showing(back, 2, 2).pending()).isNull();
    }

    @Test
    void badVersionsAndMessagesAreRefused() {
        Session regenerated = Branching.withNewVersion(twoExchanges, 3, List.of(Turn.assistant("a3'")));

        assertThatThrownBy(() -> Branching.showing(regenerated, 3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Branching.showing(regenerated, 3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Branching.showing(regenerated, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Branching.showing(regenerated, 4, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Branching.withNewVersion(regenerated, 4, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hiddenVersionsCountInTheSessionsCharacters() {
        Session regenerated = Branching.withNewVersion(twoExchanges, 3, List.of(Turn.assistant("a3'")));

        assertThat(regenerated.chars()).isEqualTo(twoExchanges.chars() + "a3'".length());
    }

    @Test
    void trimmingDropsTheVersionsOfTheMessagesItDrops() {
        Session edited = Branching.withNewVersion(twoExchanges, 0, List.of(Turn.user("q0'"), Turn.assistant("a1'")));
        Session longer = edited.withExchange(Turn.user("q2"), Turn.assistant("a3"), 100);

        Session trimmed = longer.trimmedTo(4);

        assertThat(trimmed.info().firstSeq()).isEqualTo(2);
        assertThat(trimmed.versions().isEmpty()).isTrue();
        assertThat(trimmed.chars()).isLessThanOrEqualTo(4);
    }

    @Test
    void hiddenVersionsGoBeforeTheNewestReplyIsCut() {
        Session edited = Branching.withNewVersion(twoExchanges, 0, List.of(Turn.user("q0'"), Turn.assistant("a1'")));

        Session trimmed = edited.trimmedTo(6);

        assertThat(texts(trimmed)).containsExactly("q0'", "a1'");
        assertThat(trimmed.versions().isEmpty()).isTrue();
    }

    @Test
    void aFinishedExchangeKeepsTheVersionsOfEarlierMessages() {
        Session regenerated = Branching.withNewVersion(twoExchanges, 3, List.of(Turn.assistant("a3'")));

        Session next = regenerated.withExchange(Turn.user("q4"), Turn.assistant("a5"), 100);

        assertThat(versionOf(next, 3)).isEqualTo(new VersionInfo(2, 2));
    }

    @Test
    void historyCarriesEachMessagesNumberAndItsVersions() {
        Session regenerated = Branching.withNewVersion(twoExchanges, 3, List.of(Turn.assistant("a3'")));

        List<HistoryMessage> history = SessionRecords.history(regenerated);

        assertThat(history).extracting(HistoryMessage::seq).containsExactly(0, 1, 2, 3);
        assertThat(history).extracting(HistoryMessage::versions)
                .containsExactly(null, null, null, new VersionInfo(2, 2));
    }

    @Test
    void versionsSurviveTheRoundTripThroughTheStoresRows() {
        Session regenerated = Branching.withNewVersion(twoExchanges, 3, List.of(Turn.assistant("a3'")));
        Session edited = Branching.withNewVersion(Branching.showing(regenerated, 3, 1), 2,
                List.of(Turn.user("q2'"), Turn.assistant("b3")));
        ConversationRecord record = SessionRecords.record(edited);
        List<StoredMessage> messages = SessionRecords.all(edited);

        Session loaded = SessionRecords.toSession(new StoredConversation(record, messages,
                VersionRecords.rows(edited.versions())), "other secret");

        assertThat(texts(loaded)).containsExactly("q0", "a1", "q2'", "b3");
        Session back = Branching.showing(loaded, 2, 1);
        assertThat(texts(back)).containsExactly("q0", "a1", "q2", "a3");
        assertThat(versionOf(back, 3)).isEqualTo(new VersionInfo(1, 2));
        assertThat(texts(Branching.showing(back, 3, 2))).endsWith("a3'");
    }

    @Test
    void rowsOfAMessageWithoutAShownVersionAreIgnored() {
        StoredBranch lone = new StoredBranch(List.of(SessionRecords.message(Turn.assistant("a3"), 3)), List.of());

        MessageVersions slots = VersionRecords.slots(List.of(new StoredVersion(3, 1, lone)));

        assertThat(slots.isEmpty()).isTrue();
    }

    @Test
    void aHiddenRepliesReasoningIsCountedAndComesBackWithItAlsoThroughTheStoresRows() {
        Session thought = of(Turn.user("q0"), Turn.assistant("a1").withThinking("hmm"));
        Session regenerated = Branching.withNewVersion(thought, 1, List.of(Turn.assistant("a1'")));

        assertThat(regenerated.chars()).isEqualTo(thought.chars() + "a1'".length());
        assertThat(Branching.showing(regenerated, 1, 1).turns().get(1).thinking()).isEqualTo("hmm");
        Session loaded = SessionRecords.toSession(new StoredConversation(SessionRecords.record(regenerated),
                SessionRecords.all(regenerated), VersionRecords.rows(regenerated.versions())), "other secret");
        Session back = Branching.showing(loaded, 1, 1);
        assertThat(back.turns().get(1).thinking()).isEqualTo("hmm");
        assertThat(SessionRecords.history(back).get(1).thinking()).isEqualTo("hmm");
        assertThat(Branching.showing(back, 1, 2).turns().get(1).thinking()).isNull();
    }
}
