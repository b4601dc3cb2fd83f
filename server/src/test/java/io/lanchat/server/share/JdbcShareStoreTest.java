package io.lanchat.server.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.SharedView;
import io.lanchat.server.store.ConversationRecord;
import io.lanchat.server.store.ConversationStore;
import io.lanchat.server.store.ConversationStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Share links in SQLite (table share_links, migrations V7 and V8): kept by hash, owner-only, gone with their
 * conversation. */
final class JdbcShareStoreTest {
    private static final String ALICE = "key:alice";
    private static final String BOB = "key:bob";
    private static final Instant T0 = Instant.parse("2025-03-14T09:00:00Z");

    @TempDir
    Path dir;
    private ConversationStore conversations;
    private ShareStore links;

    @BeforeEach
    void open() {
        conversations = ConversationStores.open("sqlite", dir);
        links = ShareService.storeFor(conversations);
        await(conversations.save(new ConversationRecord("c1", ALICE, "Tides", null, null, Map.of(), T0, T0, 0, null),
                List.of()));
    }

    @AfterEach
    void close() {
        conversations.close();
    }

    @Test
    void keepsALinkByItsTokensHashWithItsSnapshot() {
        String hash = ShareTokens.hash(ShareTokens.newToken());
        SharedView snapshot = new SharedView("Tides", false, List.of(new HistoryMessage("user", "Why?", false)));
        ShareLink link = new ShareLink(ShareTokens.shareId(hash), hash, "c1", ALICE, false, snapshot, T0);

        assertThat(await(links.add(link))).isTrue();

        assertThat(await(links.find(hash))).contains(link);
        assertThat(await(links.list(ALICE, "c1"))).containsExactly(link);
        assertThat(await(links.find(ShareTokens.hash(ShareTokens.newToken())))).isEmpty();
    }

    @Test
    void keepsARoomInviteWithItsKindAndExpiry() {
        String hash = ShareTokens.hash(ShareTokens.newToken());
        Instant expires = T0.plusSeconds(3600);
        ShareLink invite = new ShareLink(ShareTokens.shareId(hash), hash, "c1", ALICE, true, null, T0,
                ShareLink.Kind.ROOM, expires);

        assertThat(await(links.add(invite))).isTrue();

        ShareLink found = await(links.find(hash)).orElseThrow();
        assertThat(found).isEqualTo(invite);
        assertThat(found.openAt(expires.minusMillis(1))).isTrue();
        assertThat(found.openAt(expires)).as("an expired invite opens nothing").isFalse();
    }

    @Test
    void noLinkToAConversationOfAnotherOwnerOrToNone() {
        String hash = ShareTokens.hash(ShareTokens.newToken());

        assertThat(await(links.add(new ShareLink(ShareTokens.shareId(hash), hash, "c1", BOB, true, null, T0))))
                .isFalse();
        assertThat(await(links.add(new ShareLink(ShareTokens.shareId(hash), hash, "none", ALICE, true, null, T0))))
                .isFalse();
        assertThat(await(links.find(hash))).isEmpty();
    }

    @Test
    void onlyItsOwnerListsAndRevokesALink() {
        String hash = ShareTokens.hash(ShareTokens.newToken());
        ShareLink link = new ShareLink(ShareTokens.shareId(hash), hash, "c1", ALICE, true, null, T0);
        await(links.add(link));

        assertThat(await(links.list(BOB, "c1"))).isEmpty();
        assertThat(await(links.revoke(BOB, link.id()))).isEmpty();
        assertThat(await(links.find(hash))).isPresent();
        assertThat(await(links.revoke(ALICE, link.id()))).contains(link);
        assertThat(await(links.find(hash))).isEmpty();
    }

    @Test
    void linksGoWithTheirConversation() {
        String hash = ShareTokens.hash(ShareTokens.newToken());
        await(links.add(new ShareLink(ShareTokens.shareId(hash), hash, "c1", ALICE, true, null, T0)));

        await(conversations.delete(ALICE, "c1"));

        assertThat(await(links.find(hash))).isEmpty();
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
