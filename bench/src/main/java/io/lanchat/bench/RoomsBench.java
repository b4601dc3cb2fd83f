package io.lanchat.bench;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Issue #16's rooms benchmark, in one run against one server: first one big room ({@link BigRoom}), then many small
 * rooms streaming at once ({@link ManyRooms}). Every reply is asked for by a member, as in a room people use; the
 * owner stays connected with the conversation open, as the server requires.
 */
final class RoomsBench {
    /** Both parts' outcomes. */
    record Outcome(BigRoom.Figures big, ManyRooms.Figures many) {
        boolean allOk() {
            return big.errors() == 0 && many.errors() == 0;
        }
    }

    private final BenchOptions o;
    private final Results results;

    RoomsBench(BenchOptions options, Results results) {
        this.o = options;
        this.results = results;
    }

    Outcome run(ServerProcess server) throws Exception {
        if ((long) o.rooms * (o.roomMembers + 1) > BenchOptions.MAX_CONNECTIONS) {
            throw new IllegalArgumentException("--rooms x (--room-members + 1) must be at most "
                    + BenchOptions.MAX_CONNECTIONS);
        }
        try (WsClient client = new WsClient(o.clientThreads, "127.0.0.1", server.port, o.sourceAddresses, false)) {
            BigRoom.Figures big = new BigRoom(o, results, client, server).run();
            ManyRooms.Figures many = new ManyRooms(o, results, client, server).run();
            return new Outcome(big, many);
        }
    }

    /** Waits for every run to end, at most for the reply's length plus a minute; the rest count as failed. */
    static void awaitReplies(Collection<ChatRun> runs, int tokens, long intervalMicros) throws InterruptedException {
        long timeout = TimeUnit.MICROSECONDS.toMillis(intervalMicros * tokens) + 60_000;
        try {
            CompletableFuture.allOf(runs.stream().map(r -> r.done).toArray(CompletableFuture[]::new))
                    .get(timeout, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // counted by the caller: a run that did not end is not ok
        }
    }

    /** Waits until every run is armed on its connection (before the question goes out). */
    static void awaitArmed(List<CompletableFuture<Void>> armed) throws Exception {
        CompletableFuture.allOf(armed.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    /**
     * Replies that did not end complete (at each connection that followed them), frames that made no sense, and
     * connections lost. A transcript replaced during a reply ends that reply as failed, so it counts here too.
     */
    static long errors(Collection<ChatRun> runs, Collection<RoomConn> conns) {
        return runs.stream().filter(r -> !r.ok()).count()
                + conns.stream().mapToLong(c -> c.unexpected + (c.closed.isDone() ? 1 : 0)).sum();
    }

    /** Transcripts the server replaced (a new {@code room_state}): a member that fell behind. */
    static long resyncs(Collection<RoomConn> conns) {
        return conns.stream().mapToLong(c -> c.resyncs).sum();
    }

    /** The first reason something went wrong, for the report; null when nothing did. */
    static String firstFailure(Collection<ChatRun> runs, Collection<RoomConn> conns) {
        for (ChatRun run : runs) {
            if (!run.ok()) {
                return run.id + ": " + (run.done.isDone() ? run.failure : "did not end (" + run.received + " tokens)");
            }
        }
        for (RoomConn c : conns) {
            if (c.closed.isDone()) {
                return "connection " + c.index + " closed";
            }
            if (c.unexpected + c.resyncs > 0) {
                return "connection " + c.index + ": " + c.resyncs + " room_state, " + c.unexpected
                        + " unexpected frames (" + c.lastUnexpected + ")";
            }
        }
        return null;
    }

    static String pct(Samples.Sorted s) {
        return String.format(java.util.Locale.ROOT, "p50 %.3f p99 %.3f max %.3f ms", Results.ms(s.percentile(50)),
                Results.ms(s.percentile(99)), Results.ms(s.max()));
    }

    /** p50, p99 and max of {@code s} as metrics named {@code name_p50_ms} and so on. */
    static void metrics(Results.Entry entry, String name, Samples.Sorted s) {
        entry.metric(name + "_p50_ms", Results.ms(s.percentile(50)))
                .metric(name + "_p99_ms", Results.ms(s.percentile(99)))
                .metric(name + "_max_ms", Results.ms(s.max()));
    }
}
