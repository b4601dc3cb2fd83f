package io.lanchat.server.store;

import static io.lanchat.server.store.StoreFixtures.conversation;
import static io.lanchat.server.store.StoreFixtures.reply;
import static io.lanchat.server.store.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What is kept for a retry: the newest state, merged by seq, bounded by characters. */
final class WaitingWritesTest {

    @Test
    void mergesTheNewestRecordWithMessagesBySeqLaterReplacingEarlier() {
        WaitingWrites waiting = new WaitingWrites(1_000_000);

        waiting.merge(conversation("o", "c", "first", 1), List.of(user(0, "a"), reply(1, "partial")));
        long version = waiting.merge(conversation("o", "c", "second", 2), List.of(reply(1, "whole"), user(2, "b")));
        WaitingWrites.Entry entry = waiting.snapshot(WaitingWrites.key("o", "c"));

        assertThat(entry.record().title()).isEqualTo("second");
        assertThat(entry.messages()).containsExactly(user(0, "a"), reply(1, "whole"), user(2, "b"));
        assertThat(entry.version()).isEqualTo(version).isEqualTo(2);
    }

    @Test
    void aWriteClearsTheEntryOnlyWhenNothingNewerCameSince() {
        WaitingWrites waiting = new WaitingWrites(1_000_000);
        String key = WaitingWrites.key("o", "c");
        long v1 = waiting.merge(conversation("o", "c", "t", 1), List.of(user(0, "a")));
        waiting.merge(conversation("o", "c", "t", 2), List.of(user(1, "b")));

        waiting.written(key, v1);
        WaitingWrites.Entry stillThere = waiting.snapshot(key);
        waiting.written(key, stillThere.version());

        assertThat(stillThere.messages()).hasSize(2);
        assertThat(waiting.snapshot(key)).isNull();
        assertThat(waiting.totalChars()).isZero();
    }

    @Test
    void onlyFailedEntriesCountAndTheOldestFailedAreDroppedPastTheBudget() {
        WaitingWrites waiting = new WaitingWrites(2_500);
        for (String id : List.of("old", "mid", "new")) {
            waiting.merge(conversation("o", id, "t", 1), List.of(user(0, "x".repeat(1_000))));
        }
        assertThat(waiting.failedCount()).isZero();

        int droppedFirst = waiting.failed(WaitingWrites.key("o", "old"));
        int droppedSecond = waiting.failed(WaitingWrites.key("o", "mid"));

        assertThat(droppedFirst).isEqualTo(1); // over budget: the only failed one goes, in-flight ones stay
        assertThat(droppedSecond).isZero();
        assertThat(waiting.failedKeys()).containsExactly(WaitingWrites.key("o", "mid"));
        assertThat(waiting.snapshot(WaitingWrites.key("o", "new"))).isNotNull();
        assertThat(waiting.dropped()).isEqualTo(1);
    }

    @Test
    void anotherOwnersSaveOfTheSameIdIsKeptApart() {
        WaitingWrites waiting = new WaitingWrites(1_000_000);

        waiting.merge(conversation("alice", "c", "hers", 1), List.of(user(0, "a")));
        waiting.merge(conversation("mallory", "c", "his", 1), List.of(user(0, "b")));

        assertThat(waiting.snapshot(WaitingWrites.key("alice", "c")).record().title()).isEqualTo("hers");
        assertThat(waiting.snapshot(WaitingWrites.key("mallory", "c")).record().title()).isEqualTo("his");
    }
}
