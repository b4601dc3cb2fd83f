package io.lanchat.server.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class AttachmentStoreTest {
    private final AtomicLong nanos = new AtomicLong();
    private final AttachmentStore store = new AttachmentStore(10_000, 1_000, nanos::get, Runnable::run);

    @Test
    void refusesUploadsBeyondTheOwnersUnsentBytesWith429() throws Exception {
        store.add(image("a", "alice", 600));

        assertThatThrownBy(() -> store.add(image("b", "alice", 600))).isInstanceOf(AttachmentRefused.class)
                .extracting(e -> ((AttachmentRefused) e).status()).isEqualTo(429);
        store.add(image("c", "bob", 600));      // each owner has their own allowance
        assertThat(store.pendingBytes("alice")).isEqualTo(600);
    }

    @Test
    void aMessageCarryingAnUploadFreesItsOwnersAllowanceAndKeepsItForDisplay() throws Exception {
        store.add(image("a", "alice", 600));

        List<Attachment> claimed = store.claim("alice", List.of("a"));

        assertThat(claimed).extracting(Attachment::id).containsExactly("a");
        assertThat(store.pendingBytes("alice")).isZero();
        store.add(image("b", "alice", 600));
        assertThat(store.find("alice", "a")).isPresent();
    }

    @Test
    void onlyTheOwnerMayClaimOrSeeAnUpload() throws Exception {
        store.add(image("a", "alice", 10));

        assertThatThrownBy(() -> store.claim("bob", List.of("a"))).isInstanceOf(AttachmentRefused.class)
                .hasMessageContaining("never uploaded by you");
        assertThat(store.find("bob", "a")).isEmpty();
        assertThat(store.pendingBytes("alice")).as("a refused claim changes nothing").isEqualTo(10);
    }

    @Test
    void anUnsentUploadIsDroppedAfterAnHourAndItsBytesReturn() throws Exception {
        store.add(image("a", "alice", 600));

        nanos.addAndGet(AttachmentStore.UNSENT_LIFETIME.plus(Duration.ofSeconds(1)).toNanos());
        store.cleanUp();

        assertThat(store.find("alice", "a")).isEmpty();
        assertThat(store.pendingBytes("alice")).isZero();
    }

    @Test
    void theMemoryBoundPushesOutTheOldest() throws Exception {
        for (int i = 0; i < 30; i++) {
            store.add(image("x" + i, "owner" + i, 900));
        }
        store.cleanUp();

        long held = java.util.stream.IntStream.range(0, 30).filter(i -> store.find("owner" + i, "x" + i).isPresent())
                .count();
        assertThat(held * 900).isLessThanOrEqualTo(10_000);
    }

    private static Attachment image(String id, String owner, int bytes) {
        return new Attachment(id, owner, AttachmentKind.IMAGE, id + ".png", "image/png", 1, 1, new byte[bytes]);
    }
}
