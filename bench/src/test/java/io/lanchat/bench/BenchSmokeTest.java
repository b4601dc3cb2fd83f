package io.lanchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the load generator working: a short run against the real server, started in its own process from
 * this module's test classpath, with a few hundred connections. Checks correctness only (every token
 * arrives, once, in order, with nothing lost, parsed both leanly and fully); it never asserts a time.
 */
class BenchSmokeTest {

    @Test
    void everyTokenArrivesInOrderThroughTheServerAndDirect(@TempDir Path dir) throws Exception {
        BenchOptions options = BenchOptions.parse(new String[] {
            "--scenario", "smoke", "--strict",
            "--connections", "200", "--tokens", "3000",
            "--server-cp", System.getProperty("java.class.path"),
            "--server-jvm", "-Xmx256m -XX:TieredStopAtLevel=1",
            "--results", dir.resolve("results.jsonl").toString(),
            "--log-dir", dir.toString()});

        Scenarios.SmokeOutcome outcome = new Scenarios(options).smoke();

        for (Scenarios.StreamOutcome run : new Scenarios.StreamOutcome[] {outcome.direct(), outcome.server(),
                outcome.fast()}) {
            assertThat(run.firstFailure()).as(run.path() + " first failure").isNull();
            assertThat(run.failed()).as(run.path() + " failed replies").isZero();
            assertThat(run.ok()).as(run.path() + " complete replies").isEqualTo(run.streams());
            assertThat(run.tokens()).as(run.path() + " tokens").isEqualTo((long) run.streams() * run.tokensPerStream());
        }
        assertThat(outcome.server().streams()).isEqualTo(200);
        assertThat(outcome.fast().tokens()).isEqualTo(3000);
        assertThat(outcome.allOk()).isTrue();
    }

    @Test
    void storeOnOffRunsTheRelayAgainstSqliteAndMemoryAlternately(@TempDir Path dir) throws Exception {
        BenchOptions options = BenchOptions.parse(new String[] {
            "--scenario", "store-on-off", "--pairs", "1", "--parts", "streams,ttft",
            "--streams", "20", "--rate", "20", "--seconds", "1", "--warmup", "0", "--chats", "20",
            "--server-cp", System.getProperty("java.class.path"),
            "--server-jvm", "-Xmx256m -XX:TieredStopAtLevel=1",
            "--results", dir.resolve("results.jsonl").toString(),
            "--log-dir", dir.toString()});

        StoreOnOff.Outcome outcome = new Scenarios(options).storeOnOff();

        assertThat(outcome.byStore()).containsOnlyKeys("sqlite", "none");
        outcome.byStore().forEach((store, entries) -> {
            assertThat(entries).extracting(e -> e.scenario).containsExactly("streams", "ttft");
            assertThat(entries).allSatisfy(e -> {
                assertThat(e.params).containsEntry("store", store);
                assertThat(StoreOnOff.clean(e)).as(store + " " + e.scenario + " " + e.metrics).isTrue();
            });
        });
        // Every server got a temporary data dir: none wrote the server's default into the working directory.
        assertThat(Path.of("lanchat-data")).doesNotExist();
        assertThat(java.nio.file.Files.readAllLines(dir.resolve("results.jsonl"))).hasSize(4);
    }

    @Test
    void libraryListsOpensAndSearchesASeededStore(@TempDir Path dir) throws Exception {
        BenchOptions options = BenchOptions.parse(new String[] {
            "--scenario", "library", "--conversations", "60", "--messages", "6", "--owners", "2",
            "--requests", "10", "--open-conversations", "5",
            "--server-cp", System.getProperty("java.class.path"),
            "--server-jvm", "-Xmx256m -XX:TieredStopAtLevel=1",
            "--results", dir.resolve("results.jsonl").toString(),
            "--log-dir", dir.toString()});

        LibraryBench.Outcome outcome = new Scenarios(options).library();

        assertThat(outcome.firstFailure()).isNull();
        assertThat(outcome.failures()).isZero();
        assertThat(outcome.listed()).isEqualTo(30);
        assertThat(outcome.heldOpen()).isEqualTo(5);
        // the walk (1 page) + first page, later page (none: one page only), opens from the store and held, searches
        assertThat(outcome.requests()).isEqualTo(5 + 1 + 10 + 10 + 10 + 5 + 5);
    }

    @Test
    void apiLatencyStreamsThroughTheApiPortAndDirectAlternately(@TempDir Path dir) throws Exception {
        BenchOptions options = BenchOptions.parse(new String[] {
            "--scenario", "api-latency", "--levels", "1,20", "--pairs", "1", "--seconds", "1", "--warmup", "0",
            "--rate", "50", "--chat-tokens", "5",
            "--server-cp", System.getProperty("java.class.path"),
            "--server-jvm", "-Xmx256m -XX:TieredStopAtLevel=1",
            "--results", dir.resolve("results.jsonl").toString(),
            "--log-dir", dir.toString()});

        ApiLatency.Outcome outcome = new Scenarios(options).apiLatency();

        assertThat(outcome.levels()).extracting(ApiLatency.Level::streams).containsExactly(1, 20);
        for (ApiLatency.Level level : outcome.levels()) {
            for (ApiLatency.PathFigures path : java.util.List.of(level.direct(), level.api())) {
                assertThat(path.firstFailure()).as(level.streams() + " " + path.path()).isNull();
                assertThat(path.failed()).isZero();
                // Every chat is 5 tokens plus done, checked in order; each path produced figures.
                assertThat(path.tokens()).isGreaterThanOrEqualTo(5L * path.chats());
                assertThat(path.latency().count()).isPositive();
                assertThat(path.ttft().count()).isPositive();
                assertThat(path.jitter().count()).isPositive();
            }
            assertThat(level.pairAddedPerToken()).hasSize(1);
        }
        assertThat(outcome.allOk()).isTrue();
        assertThat(java.nio.file.Files.readAllLines(dir.resolve("results.jsonl"))).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("\"added_token_p99_ms\"", "\"api_ttft_p50_ms\""));
    }

    @Test
    void roomsStreamEveryReplyToEveryMemberOfOneBigRoomAndOfManySmallOnes(@TempDir Path dir) throws Exception {
        BenchOptions options = BenchOptions.parse(new String[] {
            "--scenario", "rooms", "--big-room", "12", "--rounds", "2", "--rooms", "6", "--room-members", "3",
            "--reply-tokens", "15", "--rate", "100", "--warmup", "0",
            "--server-cp", System.getProperty("java.class.path"),
            "--server-jvm", "-Xmx256m -XX:TieredStopAtLevel=1",
            "--results", dir.resolve("results.jsonl").toString(),
            "--log-dir", dir.toString()});

        RoomsBench.Outcome outcome = new Scenarios(options).rooms();

        BigRoom.Figures big = outcome.big();
        assertThat(big.firstFailure()).isNull();
        assertThat(big.errors()).isZero();
        // Every member got every token of both rounds: a spread per token, a latency per member and token.
        assertThat(big.spread().count()).isEqualTo(2 * 15);
        assertThat(big.memberLatency().count()).isEqualTo(2 * 12 * 15);
        assertThat(big.memberTtft().count()).isEqualTo(2 * 12);
        assertThat(big.privateDuring().count()).isEqualTo(2 * 15);
        assertThat(big.privateAlone().count()).isEqualTo(2 * 15);
        ManyRooms.Figures many = outcome.many();
        assertThat(many.firstFailure()).isNull();
        assertThat(many.errors()).isZero();
        assertThat(many.memberTokens()).isEqualTo(6 * 3 * 15);
        assertThat(many.ownerTokens()).isEqualTo(6 * 15);
        assertThat(many.ttft().count()).isEqualTo(6 * 3);
        assertThat(outcome.allOk()).isTrue();
        assertThat(java.nio.file.Files.readAllLines(dir.resolve("results.jsonl"))).hasSize(2);
    }

    @Test
    void tokenFramesAreReadLeanly() {
        String frame = io.lanchat.protocol.ProtocolJson.writeServerText(
                new io.lanchat.protocol.TokenDelta("q1", 7, Tokens.text(7, 123_456L)));
        assertThat(Tokens.frame(frame)).containsExactly(7, 7, 123_456L);
        String foreign = io.lanchat.protocol.ProtocolJson.writeServerText(
                new io.lanchat.protocol.TokenDelta("q1", 3, "Hello"));
        assertThat(Tokens.frame(foreign)).isNull();
    }

    @Test
    void aRoomsSpreadIsEachTokensLastArrivalMinusItsFirstOverCompleteMembers() {
        ChatRun early = member(new long[] {100, 200, 300});
        ChatRun late = member(new long[] {104, 209, 301});
        ChatRun incomplete = new ChatRun("q", 3, 0, true).keepArrivals();
        incomplete.token(0, new long[] {0, 90}, 5_000);
        incomplete.finish("connection closed during the reply");

        Samples spread = new Samples();
        RoomFigures.spread(java.util.List.of(early, late, incomplete), spread);
        Samples last = new Samples();
        RoomFigures.lastLatency(java.util.List.of(early, late, incomplete), last);
        Samples gaps = new Samples();
        RoomFigures.gaps(late, gaps);

        assertThat(spread.sorted().values()).containsExactly(1, 4, 9);
        assertThat(last.sorted().values()).as("stamps 90, 190, 290").containsExactly(11, 14, 19);
        assertThat(gaps.sorted().values()).containsExactly(92, 105);
    }

    private static ChatRun member(long[] arrivals) {
        ChatRun run = new ChatRun("q", arrivals.length, 0, true).keepArrivals();
        for (int i = 0; i < arrivals.length; i++) {
            run.token(i, new long[] {i, 90 + 100L * i}, arrivals[i]);
        }
        run.finish(null);
        return run;
    }

    @Test
    void tokenTextsRoundTrip() {
        String text = Tokens.text(42, -123456789L);
        assertThat(Tokens.parse(text, 0, text.length())).containsExactly(42, -123456789L);
        assertThat(Tokens.parse("42:17", 0, 5)).isNull();
        assertThat(Tokens.parse("x:1;", 0, 4)).isNull();
        assertThat(Tokens.parseRequest(Tokens.request(300, 50_000))).containsExactly(300, 50_000);
    }

    @Test
    void refusesTargetsOffLoopback() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Loopback.require("192.0.2.1"))
                .isInstanceOf(IllegalArgumentException.class);
        Loopback.require("127.0.0.1");
        Loopback.require("::1");
    }
}
