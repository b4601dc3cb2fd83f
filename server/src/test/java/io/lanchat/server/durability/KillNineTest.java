package io.lanchat.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ConversationList;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ConversationSummary;
import io.lanchat.protocol.CreateConversationRequest;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ListConversationsRequest;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.server.access.OwnerKeys;
import io.lanchat.standin.ChatCall;
import io.lanchat.standin.StandInOllama;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * Issue 12, item 7: a real server process on a real SQLite file, four people chatting without pause, killed with
 * SIGKILL at (seeded) random moments and restarted on the same data directory, round after round. After each kill
 * the file passes {@code PRAGMA integrity_check}, every message that reached Ollama is stored under its owner,
 * message numbers run without gaps, and after each restart every owner's conversations are listed and the message
 * the kill caught comes back either waiting for a retry or answered by a partial reply marked interrupted.
 *
 * <p>Run again with another seed: {@code -Dlanchat.killSeed=N}. A failure prints the seed and every kill moment.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
final class KillNineTest {
    private static final int USERS = 4;
    private static final int ROUNDS = 6;
    private static final long SEED = Long.getLong("lanchat.killSeed", 20_261_206L);
    private static final Duration TOKEN_DELAY = Duration.ofMillis(40);
    /** User 0 asks for long replies (~6.4 s): longer than the 5 s between saves of a partial reply. */
    private static final int LONG_REPLY_TOKENS = 160;

    /** What the message a kill caught looked like after the restart. */
    enum Caught { WAITING_FOR_RETRY, INTERRUPTED_PARTIAL, ANSWERED_BEFORE_KILL, NEVER_SAVED, NOTHING_IN_FLIGHT }

    @TempDir
    Path temp;

    private final List<String> moments = new ArrayList<>();
    private final Map<Caught, Integer> caught = new EnumMap<>(Caught.class);
    private final String[] keys = new String[USERS];
    private final String[] inFlight = new String[USERS];
    /** Users told "not saved" (the store failing, e.g. busy under load) in some round: u0 r2, ... */
    private final List<String> toldNotSaved = new ArrayList<>();
    /** The servers' warnings and errors, every round: what to read when this test fails. */
    private final List<String> serverWarnings = new ArrayList<>();

    @Test
    void killNineAtRandomMomentsLosesNoSentMessageAndNeverCorruptsTheStore() throws Exception {
        Random random = new Random(SEED);
        Path data = temp.resolve("data");
        long started = System.nanoTime();
        try (StandInOllama ollama = StandInOllama.start()) {
            ollama.setModels("llama3:8b");
            ollama.setTokenDelay(TOKEN_DELAY);
            ollama.setNumParallel(USERS);
            ollama.setReply(call -> reply(call.lastUserContent()));
            StoredRows rows = null;
            for (int round = 0; round < ROUNDS; round++) {
                runAndKill(ollama, data, round, rows, random);
                rows = StoredRows.readSqlite(data.resolve("lanchat.db"));
                checkStore(rows, ollama.chatCalls(), round);
            }
            try (ServerProcess server = ServerProcess.start(args(ollama, data))) {
                for (int i = 0; i < USERS; i++) {
                    try (WsUser user = WsUser.connect(server.port(), keys[i])) {
                        checkAfterRestart(user, i, rows, ROUNDS);
                    }
                }
                try (WsUser user = WsUser.connect(server.port(), keys[1])) {
                    user.send(new ChatRequest("last", "still there?"));
                    assertThat(user.answer("last", ReplyDone.class)).as(context(ROUNDS)).isInstanceOf(ReplyDone.class);
                }
            }
        }
        System.out.printf("KillNineTest: seed %d, %d rounds in %d ms, kills %s, caught %s, told not_saved %s%n",
                SEED, ROUNDS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), moments, caught, toldNotSaved);
        assertThat(caught.getOrDefault(Caught.WAITING_FOR_RETRY, 0) + caught.getOrDefault(Caught.INTERRUPTED_PARTIAL, 0))
                .as("kills caught replies in flight (%s)", context(ROUNDS)).isPositive();
        assertThat(caught.getOrDefault(Caught.INTERRUPTED_PARTIAL, 0))
                .as("a partial reply survived a kill (%s)", context(ROUNDS)).isPositive();
    }

    /** One round: start on the data directory, check what the last kill left, chat, kill -9 at a random moment. */
    private void runAndKill(StandInOllama ollama, Path data, int round, StoredRows before, Random random)
            throws Exception {
        long begun = System.nanoTime();
        ServerProcess server = ServerProcess.start(args(ollama, data));
        long listening = System.nanoTime();
        List<WsUser> users = new ArrayList<>();
        List<Chatter> chatters = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < USERS; i++) {
                WsUser user = WsUser.connect(server.port(), keys[i]);
                users.add(user);
                keys[i] = user.ownerKey;
                String retry = round == 0 ? null : checkAfterRestart(user, i, before, round);
                chatters.add(new Chatter(user, "u" + i + " r" + round, retry));
            }
            long partialsBefore = partials(data);
            for (Chatter chatter : chatters) {
                Thread t = new Thread(chatter, "chatter");
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            boolean afterPartial = round % 3 == 1;
            long wait = afterPartial ? random.nextInt(0, 800) : random.nextInt(0, 5_000);
            // The moment counts from the round's first reply, so a slow start (a cold JVM) cannot eat the round.
            Duration firstReply = InProcessServer.await(() -> chatters.stream().mapToInt(Chatter::answered).sum() > 0,
                    "a first reply in round " + round, Duration.ofSeconds(20));
            if (afterPartial) {
                awaitNewPartial(data, partialsBefore, round);
            }
            Thread.sleep(wait);
            moments.add("r" + round + (afterPartial ? ": a partial saved + " : ": first reply + ") + wait + " ms"
                    + " (started in " + TimeUnit.NANOSECONDS.toMillis(listening - begun) + " ms, first reply after "
                    + firstReply.toMillis() + " ms, killed " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun)
                    + " ms after the start)");
            assertThat(server.kill9()).as("killed by SIGKILL (%s)", context(round)).isEqualTo(137);
            for (Thread t : threads) {
                t.join(15_000);
                assertThat(t.isAlive()).as("a chatter noticed the kill (%s)", context(round)).isFalse();
            }
            server.warnings().forEach(line -> serverWarnings.add("r" + round + " " + line));
            for (int i = 0; i < USERS; i++) {
                inFlight[i] = chatters.get(i).inFlight();
                if (chatters.get(i).notSaved() > 0) {
                    toldNotSaved.add("u" + i + " r" + round);
                }
                assertThat(chatters.get(i).problems).as("chat failures (%s)\n%s", context(round), server.logTail())
                        .isEmpty();
            }
            assertThat(chatters.stream().mapToInt(Chatter::answered).sum()).as("replies in round %d", round)
                    .isPositive();
        } finally {
            users.forEach(WsUser::close);
            server.kill9();
        }
    }

    /**
     * After a restart: the owner's conversations are listed exactly as stored, and the message the kill caught is
     * either waiting for a retry or followed by a reply (interrupted, or finished just before the kill). Opens that
     * conversation (or the newest) to continue it; returns the text to retry, or null.
     */
    private String checkAfterRestart(WsUser user, int i, StoredRows rows, int round) throws Exception {
        String owner = OwnerKeys.ownerOf(keys[i]);
        user.send(new ListConversationsRequest("list", null, 200));
        List<ConversationSummary> listed = ((ConversationList) user.answer("list", ConversationList.class))
                .conversations();
        assertThat(listed.stream().map(ConversationSummary::id).sorted().toList())
                .as("user %d's conversations are listed (%s)", i, context(round)).isEqualTo(rows.idsOf(owner));

        String text = inFlight[i];
        String where = text == null ? null : rows.conversationWithUserMessage(text);
        String retry = null;
        if (where != null) {
            ConversationOpened opened = open(user, where);
            if (text.equals(opened.pending())) {
                count(Caught.WAITING_FOR_RETRY);
                retry = text;
            } else {
                List<HistoryMessage> history = opened.history();
                int at = IntStream.range(0, history.size())
                        .filter(k -> history.get(k).role().equals("user") && history.get(k).content().equals(text))
                        .findFirst().orElse(-1);
                assertThat(at).as("%s: '%s' is in the history or pending (%s); opened %s", "user " + i, text,
                        context(round), opened).isNotNegative();
                assertThat(at + 1).as("a reply follows '%s' (%s): %s", text, context(round), history)
                        .isLessThan(history.size());
                HistoryMessage answer = history.get(at + 1);
                assertThat(answer.role()).isEqualTo("assistant");
                count(answer.interrupted() ? Caught.INTERRUPTED_PARTIAL : Caught.ANSWERED_BEFORE_KILL);
            }
        } else {
            count(text == null ? Caught.NOTHING_IN_FLIGHT : Caught.NEVER_SAVED);
            if (!listed.isEmpty()) {
                open(user, listed.get(0).id());
            }
        }
        if (i == USERS - 1 && round < ROUNDS) {
            // The last user starts a new conversation every round, so owners hold several.
            user.send(new CreateConversationRequest("new", null, null));
            user.answer("new", ConversationOpened.class);
            retry = null;
        }
        return retry;
    }

    private ConversationOpened open(WsUser user, String id) throws Exception {
        user.send(new OpenConversationRequest("open", id, null, null));
        return (ConversationOpened) user.answer("open", ConversationOpened.class);
    }

    /** What the file holds after a kill: sound, numbered without gaps, every message Ollama saw kept. */
    private void checkStore(StoredRows rows, List<ChatCall> calls, int round) {
        assertThat(rows.integrity()).as("integrity_check (%s)", context(round)).isEqualTo("ok");
        assertThat(rows.numberingProblems()).as("message numbers (%s)", context(round)).isEmpty();
        List<String> owners = java.util.Arrays.stream(keys).map(OwnerKeys::ownerOf).toList();
        assertThat(rows.conversations().values()).as("owners").allMatch(owners::contains);
        for (ChatCall call : calls) {
            String text = call.lastUserContent();
            String where = rows.conversationWithUserMessage(text);
            int user = text.equals("still there?") ? 1 : Character.getNumericValue(text.charAt(1));
            if (where == null && text.contains(" m") && toldNotSaved.contains(text.substring(0, text.indexOf(" m")))) {
                // The store failed and the person was told (not_saved): chatting goes on by design. Not a crash
                // loss, but worth seeing: a local SQLite file should not fail like this.
                System.out.println("KillNineTest: WARNING: '" + text + "' is not stored; its owner was told"
                        + " not_saved. Server warnings: " + serverWarnings);
                continue;
            }
            if (where == null) {
                throw new AssertionError("'" + text + "' reached Ollama, so it is stored (" + context(round)
                        + "); the stored conversations of its owner: " + rows.describe(owners.get(user)));
            }
            assertThat(rows.conversations().get(where)).as("owner of '%s'", text).isEqualTo(owners.get(user));
        }
    }

    /** Waits (deadline 15 s) until the running server has saved a partial reply after {@code before} ones. */
    private static void awaitNewPartial(Path data, long before, int round) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (partials(data) <= before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no partial reply saved within 15 s in round " + round);
            }
            Thread.sleep(100);
        }
    }

    /** Interrupted replies in the file, read while the server runs (WAL: a reader does not block its writer). */
    private static long partials(Path data) throws Exception {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("lanchat.db"),
                config.toProperties()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM messages WHERE state = 'INTERRUPTED'")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private void count(Caught what) {
        caught.merge(what, 1, Integer::sum);
    }

    private String context(int round) {
        return "seed " + SEED + ", round " + round + ", kills " + moments + ", told not_saved " + toldNotSaved
                + ", server warnings " + serverWarnings;
    }

    private static List<String> reply(String question) {
        int tokens = question.startsWith("u0 ") ? LONG_REPLY_TOKENS : 25 + Math.floorMod(question.hashCode(), 20);
        List<String> out = new ArrayList<>(tokens);
        for (int k = 0; k < tokens; k++) {
            out.add("w" + k + " ");
        }
        return out;
    }

    private static List<String> args(StandInOllama ollama, Path data) {
        return List.of("--bind", "127.0.0.1", "--port", "0", "--ollama-host", ollama.baseUri().toString(),
                "--model", "llama3:8b", "--data-dir", data.toString(), "--parallel", String.valueOf(USERS),
                "--probe-interval", "100ms", "--probe-max-backoff", "200ms",
                "--messages-per-minute", "10000", "--client-messages-per-minute", "10000",
                "--requests-per-minute", "10000", "--shutdown-grace", "1s");
    }
}
