package io.lanchat.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ReplyStats;
import io.lanchat.server.store.ConversationRecord;
import io.lanchat.server.store.MessageState;
import io.lanchat.server.store.StoredConversation;
import io.lanchat.server.store.StoredMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sessions to store rows and back: message numbers, states, what a crash leaves. */
class SessionRecordsTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private static ConversationRecord record(int count) {
        return new ConversationRecord("c1", "key:abc", "Title", null, null, Map.of(), T, T, count);
    }

    private static StoredMessage message(int seq, String role, String text, MessageState state) {
        return new StoredMessage(seq, role, text, state, "llama3:8b", null, T);
    }

    @Test
    void aUserMessageLeftPendingAtTheEndIsWaitingForARetry() {
        Session session = SessionRecords.toSession(new StoredConversation(record(3), List.of(
                message(0, "user", "q1", MessageState.COMPLETE), message(1, "assistant", "a1", MessageState.COMPLETE),
                message(2, "user", "q2", MessageState.PENDING))), "secret");

        assertThat(session.turns()).extracting(Turn::content).containsExactly("q1", "a1");
        assertThat(session.pending()).isEqualTo("q2");
        assertThat(session.waiting().model()).isEqualTo("llama3:8b");
        assertThat(session.nextSeq()).isEqualTo(2);
        assertThat(session.messageCount()).isEqualTo(3);
    }

    @Test
    void aReplyCutOffByACrashStaysInTheHistoryMarkedInterrupted() {
        Session session = SessionRecords.toSession(new StoredConversation(record(2), List.of(
                message(0, "user", "q1", MessageState.PENDING),
                message(1, "assistant", "half an ans", MessageState.INTERRUPTED))), "secret");

        assertThat(session.waiting()).isNull();
        assertThat(session.turns()).hasSize(2);
        assertThat(session.turns().get(1).interrupted()).isTrue();
        assertThat(SessionRecords.history(session).get(1).interrupted()).isTrue();
    }

    @Test
    void aPartlyLoadedConversationKeepsItsMessageNumbers() {
        Session session = SessionRecords.toSession(new StoredConversation(record(42), List.of(
                message(40, "user", "q21", MessageState.COMPLETE),
                message(41, "assistant", "a21", MessageState.COMPLETE))), "secret");

        assertThat(session.info().firstSeq()).isEqualTo(40);
        Session next = session.withExchange(Turn.user("q22"), Turn.assistant("a22"), 100);
        assertThat(SessionRecords.newest(next, 2)).extracting(StoredMessage::seq).containsExactly(42, 43);
        assertThat(SessionRecords.record(next).messageCount()).isEqualTo(44);
    }

    @Test
    void droppingOldTurnsFromMemoryMovesTheFirstNumberOn() {
        Session session = new Session("s", "x", List.of(), null);
        for (int i = 0; i < 5; i++) {
            session = session.withExchange(Turn.user("q" + i), Turn.assistant("a" + i), 4);
        }
        assertThat(session.turns()).extracting(Turn::content).containsExactly("q3", "a3", "q4", "a4");
        assertThat(session.info().firstSeq()).isEqualTo(6);
        assertThat(SessionRecords.newest(session, 2)).extracting(StoredMessage::seq).containsExactly(8, 9);

        Session trimmed = session.trimmedTo(6);
        assertThat(trimmed.info().firstSeq() + trimmed.turns().size()).isEqualTo(10);
    }

    @Test
    void statesAndStatsRoundTrip() {
        ReplyStats stats = new ReplyStats(10, 20, 3L, 1L, 1L, 1L);
        Session session = new Session("s", "x", List.of(Turn.user("q", "m", T),
                Turn.reply("stopped here", true, "m", null, T), Turn.user("q2", "m", T),
                Turn.reply("done", false, "m", stats, T)), null);
        List<StoredMessage> rows = SessionRecords.all(session);
        assertThat(rows).extracting(StoredMessage::state).containsExactly(MessageState.COMPLETE,
                MessageState.CANCELLED, MessageState.COMPLETE, MessageState.COMPLETE);
        Session back = SessionRecords.toSession(new StoredConversation(SessionRecords.record(session), rows), "y");
        assertThat(back.turns()).isEqualTo(session.turns());
    }

    @Test
    void titlesComeFromTheFirstLineAndAreCutAtAWord() {
        assertThat(Titles.fromMessage("  Why is\tthe sky blue?\nPlease explain.")).isEqualTo("Why is the sky blue?");
        assertThat(Titles.fromMessage("\n\n  second line first")).isEqualTo("second line first");
        assertThat(Titles.fromMessage(" \u0000 ")).isEqualTo(Titles.UNTITLED);
        String longText = "word ".repeat(30);
        String title = Titles.fromMessage(longText);
        assertThat(title).endsWith("…").hasSizeLessThanOrEqualTo(61);
        assertThat(title).doesNotContain("  ").doesNotMatch(".*\\p{Cntrl}.*");
    }
}
