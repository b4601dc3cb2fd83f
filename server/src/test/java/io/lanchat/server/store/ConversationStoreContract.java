package io.lanchat.server.store;

import static io.lanchat.server.store.StoreFixtures.FAST;
import static io.lanchat.server.store.StoreFixtures.T0;
import static io.lanchat.server.store.StoreFixtures.await;
import static io.lanchat.server.store.StoreFixtures.conversation;
import static io.lanchat.server.store.StoreFixtures.reply;
import static io.lanchat.server.store.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every engine must show, run against a real database by each subclass (a SQLite file, a PostgreSQL
 * server): one suite, many configurations, as Caffeine tests its caches.
 */
abstract class ConversationStoreContract {
    static final String ALICE = "key:alice";
    static final String BOB = "key:bob";

    ConversationStore store;

    /** Makes a fresh, empty database for the test about to run. */
    abstract void freshDatabase() throws Exception;

    /** Opens the store on the test's database. */
    abstract ConversationStore open(StoreSettings settings);

    /** A plain JDBC connection to the test's database, to look at rows behind the store's back. */
    abstract Connection plain() throws SQLException;

    abstract Dialect dialect();

    @BeforeEach
    void openStore() throws Exception {
        freshDatabase();
        store = open(FAST);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void savesAndLoadsAConversationWithItsMessages() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("temperature", 0.7);
        options.put("top_k", 40);
        ConversationRecord record = new ConversationRecord("c1", ALICE, "Trip", "llama3", "Be brief", options, T0,
                T0.plusSeconds(5), 2);
        StoredMessage pending = new StoredMessage(2, "user", "and then?", MessageState.PENDING, null, null, T0);

        assertThat(await(store.save(record, List.of(user(0, "hello"), reply(1, "hi there"), pending)))).isTrue();
        StoredConversation loaded = await(store.load(ALICE, "c1", 1_000)).orElseThrow();

        assertThat(loaded.record()).isEqualTo(new ConversationRecord("c1", ALICE, "Trip", "llama3", "Be brief",
                options, T0, T0.plusSeconds(5), 3));
        assertThat(loaded.messages()).containsExactly(user(0, "hello"), reply(1, "hi there"), pending);
        assertThat(loaded.partial()).isFalse();
        assertThat(store.health()).isEqualTo(new StoreHealth(dialect().kind(), true, null, null, 0, 0));
        assertThat(store.kind()).isEqualTo(dialect().kind());
    }

    @Test
    void aLaterSaveReplacesMessagesBySeqAndKeepsTheCreationTime() {
        await(store.save(conversation(ALICE, "c1", "Trip", 1), List.of(user(0, "hello"),
                new StoredMessage(1, "assistant", "par", MessageState.INTERRUPTED, null, null, T0))));

        ConversationRecord later = new ConversationRecord("c1", ALICE, "Trip!", null, null, Map.of(),
                T0.plusSeconds(999), T0.plusSeconds(600), 0);
        await(store.save(later, List.of(reply(1, "partial, then whole"), user(2, "thanks"))));
        StoredConversation loaded = await(store.load(ALICE, "c1", 1_000)).orElseThrow();

        assertThat(loaded.messages()).containsExactly(user(0, "hello"), reply(1, "partial, then whole"),
                user(2, "thanks"));
        assertThat(loaded.record().title()).isEqualTo("Trip!");
        assertThat(loaded.record().createdAt()).isEqualTo(T0);
        assertThat(loaded.record().updatedAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(loaded.record().messageCount()).isEqualTo(3);
    }

    @Test
    void aSaveNeverTakesOverAnotherOwnersConversation() {
        await(store.save(conversation(ALICE, "c1", "Alice's", 1), List.of(user(0, "secret"))));

        boolean saved = await(store.save(conversation(BOB, "c1", "Bob's", 2), List.of(user(0, "overwrite"))));

        assertThat(saved).isFalse();
        StoredConversation alices = await(store.load(ALICE, "c1", 1_000)).orElseThrow();
        assertThat(alices.record().title()).isEqualTo("Alice's");
        assertThat(alices.messages()).containsExactly(user(0, "secret"));
        assertThat(store.health().waitingWrites()).isZero();
        assertThat(store.health().ok()).isTrue();
    }

    @Test
    void anotherOwnersConversationIsTreatedExactlyLikeAnUnknownOne() {
        await(store.save(conversation(ALICE, "c1", "Trip to Paris", 1), List.of(user(0, "hello"))));

        for (String id : List.of("c1", "never-existed")) {
            assertThat(await(store.load(BOB, id, 1_000))).isEmpty();
            assertThat(await(store.rename(BOB, id, "mine", T0))).isEmpty();
            assertThat(await(store.updateSettings(BOB, id, "m", "s", Map.of(), T0))).isEmpty();
            assertThat(await(store.delete(BOB, id))).isFalse();
        }
        assertThat(await(store.list(BOB, null, 10)).conversations()).isEmpty();
        assertThat(await(store.search(BOB, "paris", null, 10)).conversations()).isEmpty();
        assertThat(await(store.load(ALICE, "c1", 1_000))).isPresent();
    }

    @Test
    void keepsAMessagesImagesForItsOwnerOnlyAndDropsThemWithTheConversation() throws Exception {
        io.lanchat.protocol.AttachmentInfo info = new io.lanchat.protocol.AttachmentInfo("img1", "image", "cat.png",
                64, 48, 3);
        StoredMessage question = new StoredMessage(0, "user", "what is this?", MessageState.COMPLETE, "m", null, T0,
                null, null, List.of(info));
        await(store.save(conversation(ALICE, "c1", "Cat", 1), List.of(question)));
        StoredAttachment image = new StoredAttachment("img1", ALICE, "image", "cat.png", "image/png", 64, 48,
                new byte[] {1, 2, 3});

        assertThat(await(store.saveAttachments(BOB, "c1", List.of(image)))).as("not Bob's conversation").isFalse();
        assertThat(await(store.saveAttachments(ALICE, "c1", List.of(image)))).isTrue();
        assertThat(await(store.saveAttachments(ALICE, "c1", List.of(image)))).as("a second save changes nothing")
                .isTrue();

        assertThat(await(store.load(ALICE, "c1", 1_000)).orElseThrow().messages().get(0).attachments())
                .containsExactly(info);
        StoredAttachment back = await(store.loadAttachment(ALICE, "img1")).orElseThrow();
        assertThat(back.data()).containsExactly(1, 2, 3);
        assertThat(back.mediaType()).isEqualTo("image/png");
        assertThat(await(store.loadAttachment(BOB, "img1"))).isEmpty();
        assertThat(await(store.delete(ALICE, "c1"))).isTrue();
        assertThat(await(store.loadAttachment(ALICE, "img1"))).as("gone with its conversation").isEmpty();
    }

    @Test
    void loadKeepsTheNewestMessagesThatFitTheBudget() {
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            messages.add(user(i, "0123456789".substring(0, 9) + i)); // 10 characters each
        }
        await(store.save(conversation(ALICE, "c1", "t", 1), messages));

        StoredConversation two = await(store.load(ALICE, "c1", 25)).orElseThrow();
        StoredConversation exactly = await(store.load(ALICE, "c1", 30)).orElseThrow();
        StoredConversation atLeastOne = await(store.load(ALICE, "c1", 3)).orElseThrow();
        StoredConversation all = await(store.load(ALICE, "c1", Long.MAX_VALUE)).orElseThrow();

        assertThat(two.messages()).containsExactlyElementsOf(messages.subList(3, 5));
        assertThat(two.partial()).isTrue();
        assertThat(exactly.messages()).containsExactlyElementsOf(messages.subList(2, 5));
        assertThat(atLeastOne.messages()).containsExactly(messages.get(4));
        assertThat(all.messages()).containsExactlyElementsOf(messages);
        assertThat(all.partial()).isFalse();
    }

    @Test
    void listPagesNewestFirstWithACursorThatIsStableUnderEqualTimes() {
        // Three share one updatedAt, so only the id orders them: a cursor on time alone would skip or repeat.
        List<String> expected = List.of("e", "d", "c", "b", "a", "g", "f");
        for (String id : List.of("a", "b", "c", "d", "e")) {
            await(store.save(conversation(ALICE, id, id, id.compareTo("c") >= 0 ? 10 : id.charAt(0) - 'a' + 5),
                    List.of()));
        }
        await(store.save(conversation(ALICE, "f", "f", 1), List.of()));
        await(store.save(conversation(ALICE, "g", "g", 2), List.of()));
        await(store.save(conversation(BOB, "z", "z", 99), List.of()));

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            ConversationPage page = await(store.list(ALICE, cursor, 3));
            page.conversations().forEach(c -> seen.add(c.id()));
            sizes.add(page.conversations().size());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(await(store.list(ALICE, null, 7)).nextCursor()).isNull();
    }

    @Test
    void badPageArgumentsAreIllegalArgumentsBeforeAnyWork() {
        assertThatThrownBy(() -> store.list(ALICE, "not a cursor!", 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed cursor");
        assertThatThrownBy(() -> store.list(ALICE, "bm9jb2xvbg", 10)) // base64url of "nocolon"
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed cursor");
        assertThatThrownBy(() -> store.list(ALICE, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(ALICE, null, ConversationStore.MAX_PAGE_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.search(ALICE, "   ", null, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void searchNeedsEveryWordInTheTitleOrSomeMessageIgnoringCase() {
        await(store.save(conversation(ALICE, "trip", "Trip to PARIS", 3), List.of(user(0, "Pack the bags"))));
        await(store.save(conversation(ALICE, "weather", "Paris", 2), List.of(user(0, "the weather"),
                reply(1, "sunny"))));
        await(store.save(conversation(ALICE, "other", "Rome", 1), List.of(user(0, "pack for rome"))));
        await(store.save(conversation(BOB, "bobs", "paris pack", 9), List.of()));

        assertThat(ids(store.search(ALICE, "paris", null, 10))).containsExactly("trip", "weather");
        assertThat(ids(store.search(ALICE, "paris PACK", null, 10))).containsExactly("trip");
        assertThat(ids(store.search(ALICE, "Weather  paris", null, 10))).containsExactly("weather");
        assertThat(ids(store.search(ALICE, "sunny the", null, 10))).containsExactly("weather");
        assertThat(ids(store.search(ALICE, "pack", null, 10))).containsExactly("trip", "other");
        assertThat(ids(store.search(ALICE, "berlin", null, 10))).isEmpty();
    }

    @Test
    void searchMatchesPercentUnderscoreAndBackslashLiterally() {
        await(store.save(conversation(ALICE, "percent", "100% sure", 5), List.of()));
        await(store.save(conversation(ALICE, "digits", "1000 sure", 4), List.of()));
        await(store.save(conversation(ALICE, "under", "x", 3), List.of(user(0, "call a_b()"))));
        await(store.save(conversation(ALICE, "axb", "x", 2), List.of(user(0, "call axb()"))));
        await(store.save(conversation(ALICE, "path", "c:\\temp", 1), List.of()));

        assertThat(ids(store.search(ALICE, "100%", null, 10))).containsExactly("percent");
        assertThat(ids(store.search(ALICE, "a_b", null, 10))).containsExactly("under");
        assertThat(ids(store.search(ALICE, "%", null, 10))).containsExactly("percent");
        assertThat(ids(store.search(ALICE, "_", null, 10))).containsExactly("under");
        assertThat(ids(store.search(ALICE, "c:\\t", null, 10))).containsExactly("path");
        assertThat(ids(store.search(ALICE, "\\", null, 10))).containsExactly("path");
    }

    @Test
    void searchFoldsTheCaseOfLettersBeyondAscii() {
        await(store.save(conversation(ALICE, "de", "ÄRGER mit Öl", 2), List.of(user(0, "Straße"))));

        assertThat(ids(store.search(ALICE, "ärger öl", null, 10))).containsExactly("de");
        assertThat(ids(store.search(ALICE, "STRASSE", null, 10))).isEmpty(); // folding, not German collation
        assertThat(ids(store.search(ALICE, "STRAßE", null, 10))).containsExactly("de");
    }

    @Test
    void searchPagesLikeList() {
        for (int i = 0; i < 5; i++) {
            await(store.save(conversation(ALICE, "c" + i, "match " + i, i), List.of()));
        }
        await(store.save(conversation(ALICE, "nope", "other", 9), List.of()));

        ConversationPage first = await(store.search(ALICE, "match", null, 3));
        ConversationPage second = await(store.search(ALICE, "match", first.nextCursor(), 3));

        assertThat(first.conversations()).extracting(ConversationRecord::id).containsExactly("c4", "c3", "c2");
        assertThat(second.conversations()).extracting(ConversationRecord::id).containsExactly("c1", "c0");
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void renameAndSettingsChangeTheRowAndTouchIt() {
        await(store.save(conversation(ALICE, "c1", "old", 1), List.of(user(0, "hi"))));

        ConversationRecord renamed = await(store.rename(ALICE, "c1", "new", T0.plusSeconds(7_000))).orElseThrow();
        ConversationRecord set = await(store.updateSettings(ALICE, "c1", "qwen", "Answer in French",
                Map.of("seed", 42), T0.plusSeconds(8_000))).orElseThrow();

        assertThat(renamed.title()).isEqualTo("new");
        assertThat(renamed.updatedAt()).isEqualTo(T0.plusSeconds(7_000));
        assertThat(set).isEqualTo(new ConversationRecord("c1", ALICE, "new", "qwen", "Answer in French",
                Map.of("seed", 42), T0, T0.plusSeconds(8_000), 1));
        assertThat(await(store.load(ALICE, "c1", 100)).orElseThrow().record()).isEqualTo(set);
        assertThat(await(store.updateSettings(ALICE, "c1", null, null, Map.of(), T0.plusSeconds(9_000)))
                .orElseThrow()).extracting(ConversationRecord::model, ConversationRecord::system)
                .containsExactly(null, null);
    }

    @Test
    void discardingFromAMessageDeletesItAndTheLaterOnesOfTheOwnerOnly() throws SQLException {
        await(store.save(conversation(ALICE, "c", "t", 1), List.of(user(0, "q1"), reply(1, "a1"), user(2, "q2"),
                reply(3, "half a repl"))));

        assertThat(await(store.discardFrom(BOB, "c", 3))).as("not Bob's").isFalse();
        assertThat(count("SELECT COUNT(*) FROM messages WHERE conversation_id = 'c'")).isEqualTo(4);
        assertThat(await(store.discardFrom(ALICE, "c", 3))).isTrue();

        StoredConversation left = await(store.load(ALICE, "c", 1_000)).orElseThrow();
        assertThat(left.messages()).extracting(StoredMessage::content).containsExactly("q1", "a1", "q2");
        assertThat(left.record().messageCount()).isEqualTo(3);
    }

    @Test
    void deleteRemovesTheRowsOfTheConversationAndItsMessages() throws SQLException {
        await(store.save(conversation(ALICE, "gone", "t", 1), List.of(user(0, "a"), reply(1, "b"))));
        await(store.save(conversation(ALICE, "kept", "t", 2), List.of(user(0, "c"))));

        assertThat(await(store.delete(ALICE, "gone"))).isTrue();

        assertThat(count("SELECT COUNT(*) FROM conversations WHERE id = 'gone'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM messages WHERE conversation_id = 'gone'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM messages WHERE conversation_id = 'kept'")).isEqualTo(1);
        assertThat(await(store.delete(ALICE, "gone"))).isFalse();
        assertThat(await(store.load(ALICE, "gone", 100))).isEmpty();
    }

    @Test
    void retentionDeletesOnlyConversationsUntouchedSinceTheCutoff() throws SQLException {
        await(store.save(conversation(ALICE, "old", "t", 1), List.of(user(0, "a"))));
        await(store.save(conversation(BOB, "old-too", "t", 2), List.of()));
        await(store.save(conversation(ALICE, "recent", "t", 10), List.of(user(0, "b"))));

        int deleted = await(store.deleteUntouchedSince(T0.plusSeconds(60 * 10)));

        assertThat(deleted).isEqualTo(2);
        assertThat(ids(store.list(ALICE, null, 10))).containsExactly("recent");
        assertThat(count("SELECT COUNT(*) FROM messages")).isEqualTo(1);
    }

    @Test
    void aNulCharacterIsKeptAsAReplacementCharacterEverywhere() {
        boolean saved = await(store.save(conversation(ALICE, "c1", "a\0b", 1), List.of(user(0, "x\0y"))));

        StoredConversation loaded = await(store.load(ALICE, "c1", 100)).orElseThrow();

        assertThat(saved).isTrue();
        assertThat(loaded.record().title()).isEqualTo("a\uFFFDb");
        assertThat(loaded.messages().get(0).content()).isEqualTo("x\uFFFDy");
    }

    @Test
    void upgradesADatabaseMadeByTheFirstSchemaVersion() throws SQLException {
        store.close();
        store = null;
        freshDatabaseForUpgrade();
        try (Connection c = plain()) {
            assertThat(Migrations.migrate(c, dialect(), 1)).isEqualTo(1);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO conversations (id, owner, title, model, system_prompt, options, "
                        + "created_at, updated_at, message_count) VALUES ('old', 'key:alice', 'From V1', NULL, "
                        + "NULL, '{\"seed\":7}', 1000, 2000, 1)");
                s.executeUpdate("INSERT INTO messages (conversation_id, seq, role, content, state, model, stats, "
                        + "created_at) VALUES ('old', 0, 'user', 'kept across the upgrade', 'COMPLETE', 'llama3', "
                        + "NULL, 1500)");
            }
            assertThat(indexes(c)).doesNotContain("conversations_updated");
        }

        store = open(FAST);

        StoredConversation old = await(store.load(ALICE, "old", 100)).orElseThrow();
        assertThat(old.record().title()).isEqualTo("From V1");
        assertThat(old.record().options()).isEqualTo(Map.of("seed", 7));
        assertThat(old.messages()).extracting(StoredMessage::content).containsExactly("kept across the upgrade");
        try (Connection c = plain()) {
            assertThat(Migrations.currentVersion(c)).isEqualTo(Migrations.latest()).isEqualTo(9);
            assertThat(indexes(c)).contains("conversations_updated");
        }
    }

    @Test
    void keepsTheReasoningOfARepliesApartAndTheThinkingChoiceOfAConversation() {
        ConversationRecord record = new ConversationRecord("c1", ALICE, "Think", "qwen3", null, Map.of(), T0, T0, 2,
                "low");
        StoredMessage answer = new StoredMessage(1, "assistant", "Four.", MessageState.COMPLETE, "qwen3", null, T0,
                "Two and two\0 make four");

        await(store.save(record, List.of(user(0, "2+2?"), answer)));
        StoredConversation loaded = await(store.load(ALICE, "c1", 1_000)).orElseThrow();
        ConversationRecord set = await(store.updateSettings(ALICE, "c1", null, null, Map.of(), "off", T0))
                .orElseThrow();

        assertThat(loaded.record().think()).isEqualTo("low");
        assertThat(loaded.messages().get(1).thinking()).isEqualTo("Two and two\uFFFD make four");
        assertThat(loaded.messages().get(0).thinking()).isNull();
        assertThat(set.think()).isEqualTo("off");
        assertThat(await(store.updateSettings(ALICE, "c1", null, null, Map.of(), T0)).orElseThrow().think()).isNull();
    }

    @Test
    void keepsHowLongAReplysModelThought() {
        ConversationRecord record = new ConversationRecord("c1", ALICE, "Think", "qwen3", null, Map.of(), T0, T0, 2,
                null);
        StoredMessage answer = new StoredMessage(1, "assistant", "Four.", MessageState.COMPLETE, "qwen3", null, T0,
                "Two and two", 12_345L);

        await(store.save(record, List.of(user(0, "2+2?"), answer)));

        assertThat(await(store.load(ALICE, "c1", 1_000)).orElseThrow().messages())
                .extracting(StoredMessage::thinkingMs).containsExactly(null, 12_345L);
    }

    @Test
    void upgradesADatabaseOfSchemaVersionTwoToKeepReasoning() throws SQLException {
        store.close();
        store = null;
        freshDatabaseForUpgrade();
        try (Connection c = plain()) {
            assertThat(Migrations.migrate(c, dialect(), 2)).isEqualTo(2);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO conversations (id, owner, title, model, system_prompt, options, "
                        + "created_at, updated_at, message_count) VALUES ('v2', 'key:alice', 'From V2', NULL, "
                        + "NULL, '{}', 1000, 2000, 2)");
                s.executeUpdate("INSERT INTO messages (conversation_id, seq, role, content, state, model, stats, "
                        + "created_at) VALUES ('v2', 0, 'user', 'q', 'COMPLETE', 'qwen3', NULL, 1500), "
                        + "('v2', 1, 'assistant', 'a', 'COMPLETE', 'qwen3', NULL, 1600)");
            }
        }

        store = open(FAST);
        StoredConversation old = await(store.load(ALICE, "v2", 100)).orElseThrow();
        await(store.save(old.record(), List.of(new StoredMessage(2, "user", "again", MessageState.COMPLETE, null,
                null, T0), new StoredMessage(3, "assistant", "b", MessageState.COMPLETE, "qwen3", null, T0, "hm"))));

        assertThat(old.record().think()).isNull();
        assertThat(old.messages()).extracting(StoredMessage::content, StoredMessage::thinking)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("q", null),
                        org.assertj.core.groups.Tuple.tuple("a", null));
        assertThat(await(store.load(ALICE, "v2", 100)).orElseThrow().messages())
                .extracting(StoredMessage::thinking).containsExactly(null, null, null, "hm");
        try (Connection c = plain()) {
            assertThat(Migrations.currentVersion(c)).isEqualTo(Migrations.latest()).isEqualTo(9);
        }
    }

    @Test
    void refusesADatabaseWhoseSchemaIsNewerThanItKnows() throws SQLException {
        store.close();
        store = null;
        try (Connection c = plain(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO schema_version (version, script, applied_at) VALUES (99, 'V99__x.sql', 0)");
        }

        assertThatThrownBy(() -> open(FAST)).isInstanceOf(StoreException.class)
                .hasMessageContaining("version 99, newer than this server knows (" + Migrations.latest() + ")");
    }

    @Test
    void saveFromReplacesTheBranchAndKeepsHiddenVersionsWholeNestedOnesIncluded() {
        await(store.save(conversation(ALICE, "c1", "t", 1), List.of(user(0, "q0"), reply(1, "a1"), user(2, "q2"),
                reply(3, "a3"))));
        StoredBranch oldReply = new StoredBranch(List.of(reply(3, "a3")), List.of());
        StoredBranch oldQuestion = new StoredBranch(List.of(user(2, "q2"), reply(3, "a3 again")),
                List.of(new StoredVersion(3, 1, oldReply), new StoredVersion(3, 2, null)));

        boolean saved = await(store.saveFrom(conversation(ALICE, "c1", "t", 2), 2,
                List.of(user(2, "q2 edited"), reply(3, "b3")),
                List.of(new StoredVersion(2, 1, oldQuestion), new StoredVersion(2, 2, null))));
        StoredConversation loaded = await(store.load(ALICE, "c1", 1_000)).orElseThrow();

        assertThat(saved).isTrue();
        assertThat(loaded.messages()).containsExactly(user(0, "q0"), reply(1, "a1"), user(2, "q2 edited"),
                reply(3, "b3"));
        assertThat(loaded.versions()).containsExactly(new StoredVersion(2, 1, oldQuestion),
                new StoredVersion(2, 2, null));
        assertThat(loaded.record().messageCount()).isEqualTo(4);
    }

    @Test
    void aHiddenVersionKeepsItsReasoning() {
        StoredMessage thought = new StoredMessage(1, "assistant", "a1", MessageState.COMPLETE, "qwen3", null, T0,
                "first, the sky");
        await(store.save(conversation(ALICE, "c1", "t", 1), List.of(user(0, "q0"), thought)));
        StoredBranch hidden = new StoredBranch(List.of(thought), List.of());

        await(store.saveFrom(conversation(ALICE, "c1", "t", 2), 1, List.of(reply(1, "a1'")),
                List.of(new StoredVersion(1, 1, hidden), new StoredVersion(1, 2, null))));
        StoredConversation loaded = await(store.load(ALICE, "c1", 1_000)).orElseThrow();

        assertThat(loaded.versions().get(0).branch().messages()).extracting(StoredMessage::thinking)
                .containsExactly("first, the sky");
        assertThat(loaded.versions()).containsExactly(new StoredVersion(1, 1, hidden), new StoredVersion(1, 2, null));
    }

    @Test
    void aRoomMembersMessageKeepsItsAuthorInTheHistoryAndInHiddenVersions() {
        StoredMessage byAna = new StoredMessage(0, "user", "why tides?", MessageState.COMPLETE, "m", null, T0, null,
                null, null, "Ana");
        await(store.save(conversation(ALICE, "c1", "t", 1), List.of(byAna, reply(1, "a1"))));
        StoredConversation first = await(store.load(ALICE, "c1", 1_000)).orElseThrow();
        StoredBranch hidden = new StoredBranch(List.of(byAna, reply(1, "a1")), List.of());
        await(store.saveFrom(conversation(ALICE, "c1", "t", 2), 0, List.of(user(0, "mine"), reply(1, "a1'")),
                List.of(new StoredVersion(0, 1, hidden), new StoredVersion(0, 2, null))));
        StoredConversation loaded = await(store.load(ALICE, "c1", 1_000)).orElseThrow();

        assertThat(first.messages()).extracting(StoredMessage::author).containsExactly("Ana", null);
        assertThat(loaded.messages()).extracting(StoredMessage::author).containsExactly(null, null);
        assertThat(loaded.versions().get(0).branch().messages()).extracting(StoredMessage::author)
                .containsExactly("Ana", null);
    }

    @Test
    void saveFromDropsTheMessagesAndVersionsOfTheBranchItReplaces() throws SQLException {
        await(store.save(conversation(ALICE, "c1", "t", 1), List.of(user(0, "q0"), reply(1, "a1"), user(2, "q2"),
                reply(3, "a3"))));
        StoredBranch hidden = new StoredBranch(List.of(reply(3, "a3")), List.of());
        await(store.saveFrom(conversation(ALICE, "c1", "t", 2), 3, List.of(reply(3, "a3'")),
                List.of(new StoredVersion(3, 1, hidden), new StoredVersion(3, 2, null))));

        await(store.saveFrom(conversation(ALICE, "c1", "t", 3), 0, List.of(user(0, "other"), reply(1, "x")),
                List.of()));
        StoredConversation loaded = await(store.load(ALICE, "c1", 1_000)).orElseThrow();

        assertThat(loaded.messages()).containsExactly(user(0, "other"), reply(1, "x"));
        assertThat(loaded.versions()).isEmpty();
        assertThat(loaded.record().messageCount()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM message_versions")).isZero();
    }

    @Test
    void saveFromNeverTouchesAnotherOwnersConversationAndVersionsGoWithADelete() throws SQLException {
        await(store.save(conversation(ALICE, "c1", "t", 1), List.of(user(0, "q0"), reply(1, "a1"))));
        StoredBranch hidden = new StoredBranch(List.of(reply(1, "a1")), List.of());
        List<StoredVersion> versions = List.of(new StoredVersion(1, 1, hidden), new StoredVersion(1, 2, null));

        boolean bobSaved = await(store.saveFrom(conversation(BOB, "c1", "t", 2), 0, List.of(user(0, "mine")),
                versions));
        await(store.saveFrom(conversation(ALICE, "c1", "t", 2), 1, List.of(reply(1, "a1'")), versions));

        assertThat(bobSaved).isFalse();
        assertThat(await(store.load(BOB, "c1", 1_000))).isEmpty();
        assertThat(await(store.load(ALICE, "c1", 1_000)).orElseThrow().messages()).containsExactly(user(0, "q0"),
                reply(1, "a1'"));
        assertThat(await(store.delete(ALICE, "c1"))).isTrue();
        assertThat(count("SELECT COUNT(*) FROM message_versions")).isZero();
    }

    @Test
    void loadReturnsOnlyTheVersionsOfTheMessagesItReturns() {
        await(store.save(conversation(ALICE, "c1", "t", 1), List.of(user(0, "0123456789"), reply(1, "0123456789"),
                user(2, "0123456789"), reply(3, "0123456789"))));
        StoredBranch first = new StoredBranch(List.of(user(0, "earlier"), reply(1, "x")), List.of());
        await(store.saveFrom(conversation(ALICE, "c1", "t", 2), 0, List.of(user(0, "0123456789"),
                reply(1, "0123456789"), user(2, "0123456789"), reply(3, "0123456789")),
                List.of(new StoredVersion(0, 1, first), new StoredVersion(0, 2, null))));

        StoredConversation newest = await(store.load(ALICE, "c1", 20)).orElseThrow();
        StoredConversation all = await(store.load(ALICE, "c1", 1_000)).orElseThrow();

        assertThat(newest.messages()).extracting(StoredMessage::seq).containsExactly(2, 3);
        assertThat(newest.versions()).isEmpty();
        assertThat(all.versions()).hasSize(2);
    }

    /** Like {@link #freshDatabase()}; a subclass may need to drop the file the first open made. */
    void freshDatabaseForUpgrade() throws SQLException {
        try {
            freshDatabase();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = plain(); PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> indexes(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, "conversations", false, false)) {
            while (rs.next()) {
                names.add(String.valueOf(rs.getString("INDEX_NAME")).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private static List<String> ids(java.util.concurrent.CompletableFuture<ConversationPage> page) {
        return await(page).conversations().stream().map(ConversationRecord::id).toList();
    }
}
