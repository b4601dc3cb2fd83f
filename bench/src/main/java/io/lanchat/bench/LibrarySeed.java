package io.lanchat.bench;

import io.lanchat.server.access.OwnerKeys;
import io.lanchat.server.store.ConversationRecord;
import io.lanchat.server.store.ConversationStore;
import io.lanchat.server.store.ConversationStores;
import io.lanchat.server.store.MessageState;
import io.lanchat.server.store.StoredMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fills a SQLite file with a library of conversations straight through the store API (the server's own
 * {@link ConversationStores#open} and {@link ConversationStore#save}), before the server starts on it: a few owners,
 * each with many conversations of alternating user and assistant messages of a few hundred characters of words.
 * One conversation in {@link #RARE_EVERY} carries the {@link #RARE_WORD}, for a search that finds few.
 */
final class LibrarySeed {
    static final String RARE_WORD = "rayleigh";
    static final String COMMON_WORD = "harbour";
    static final int RARE_EVERY = 100;
    private static final String[] WORDS = ("the a of and to in is that it for on with as was at by an be this from or"
            + " which but not are have had one all were when there can out up what about into than them some could"
            + " time would other more these two may first then do any like my now over such our man me even most made"
            + " after also did many before must through back years where much your way well down should because each"
            + " just those people how too little state good very make world still own see men work long get here"
            + " between both life being under never day same another know while last might us great old year off come"
            + " since against go came right used take three river garden window letter morning engine harbour")
            .split(" ");

    /** What was seeded: the owner keys (to present on the WebSocket) and each owner's conversation ids, newest last. */
    record Library(List<String> ownerKeys, List<List<String>> conversationIds, long contentChars, double seconds) {
        int perOwner() {
            return conversationIds.get(0).size();
        }
    }

    private LibrarySeed() {
    }

    /**
     * Writes {@code conversations} conversations (spread evenly over {@code owners}) of {@code messages} messages
     * each into {@code dataDir}'s SQLite file, at most 256 saves in flight; blocks until every save is written.
     */
    static Library seed(Path dataDir, int conversations, int messages, int owners, long seed) throws Exception {
        Random random = new Random(seed);
        List<String> keys = new ArrayList<>();
        List<String> ownerIds = new ArrayList<>();
        List<List<String>> ids = new ArrayList<>();
        for (int o = 0; o < owners; o++) {
            String key = OwnerKeys.newKey();
            keys.add(key);
            ownerIds.add(OwnerKeys.ownerOf(key));
            ids.add(new ArrayList<>());
        }
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        Semaphore inFlight = new Semaphore(256);
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long chars = 0;
        long t0 = System.nanoTime();
        try (ConversationStore store = ConversationStores.open("sqlite", dataDir)) {
            for (int i = 0; i < conversations; i++) {
                int owner = i % owners;
                String id = "bench-" + owner + "-" + i + "-" + Long.toHexString(random.nextLong());
                ids.get(owner).add(id);
                Instant created = base.plusSeconds(60L * i);
                List<StoredMessage> list = new ArrayList<>(messages);
                for (int m = 0; m < messages; m++) {
                    String content = text(random, m == messages / 2 && i % RARE_EVERY == 0);
                    chars += content.length();
                    boolean user = m % 2 == 0;
                    list.add(new StoredMessage(m, user ? "user" : "assistant", content, MessageState.COMPLETE,
                            StandIn.MODEL, null, created.plusSeconds(m)));
                }
                String title = list.get(0).content().substring(0, Math.min(60, list.get(0).content().length()));
                ConversationRecord record = new ConversationRecord(id, ownerIds.get(owner), title, null, null,
                        Map.of(), created, created.plusSeconds(messages), messages);
                if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new IOException("the store took more than 30 s to write a conversation");
                }
                store.save(record, list).whenComplete((saved, error) -> {
                    if (error != null || !Boolean.TRUE.equals(saved)) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, error);
                    }
                    inFlight.release();
                });
                if (i > 0 && i % 2_000 == 0) {
                    System.out.printf("  seeded %d conversations (%.0f s)%n", i, (System.nanoTime() - t0) / 1e9);
                }
            }
            if (!inFlight.tryAcquire(256, 60, TimeUnit.SECONDS)) {
                throw new IOException("the last saves did not finish within 60 s");
            }
        }
        if (failed.get() > 0) {
            throw new IOException(failed.get() + " conversations were not saved; first: " + firstFailure.get());
        }
        return new Library(keys, ids, chars, (System.nanoTime() - t0) / 1e9);
    }

    /** 200 to 400 characters of words; with {@code rare}, the rare word among them. */
    static String text(Random random, boolean rare) {
        int target = 200 + random.nextInt(201);
        StringBuilder text = new StringBuilder(target + 16);
        while (text.length() < target) {
            if (!text.isEmpty()) {
                text.append(random.nextInt(12) == 0 ? ". " : " ");
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        if (rare) {
            text.append(' ').append(RARE_WORD);
        }
        return text.append('.').toString();
    }

    /** Completes when every future has, failing at the first failure. */
    static CompletableFuture<Void> all(List<? extends CompletableFuture<?>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }
}
