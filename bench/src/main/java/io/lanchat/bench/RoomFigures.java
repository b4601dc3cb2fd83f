package io.lanchat.bench;

import java.util.List;

/**
 * Figures over one reply as every member of a room received it: each run is one member's {@link ChatRun} of the
 * same reply, with its arrivals kept ({@link ChatRun#keepArrivals()}). Only complete runs count: a member that
 * missed a token is an error, counted apart.
 */
final class RoomFigures {
    private RoomFigures() {
    }

    /** For each token, its arrival at the last member minus its arrival at the first (the room's fan-out). */
    static void spread(List<ChatRun> members, Samples into) {
        List<ChatRun> ok = complete(members);
        for (int i = 0; i < tokens(ok); i++) {
            into.add(last(ok, i) - first(ok, i));
        }
    }

    /** For each token, its arrival at the last member minus the stand-in's send stamp. */
    static void lastLatency(List<ChatRun> members, Samples into) {
        List<ChatRun> ok = complete(members);
        for (int i = 0; i < tokens(ok); i++) {
            into.add(last(ok, i) - ok.get(0).stamps[i]);
        }
    }

    /** The time between one token's arrival and the next's, at one connection. */
    static void gaps(ChatRun run, Samples into) {
        for (int i = 1; i < run.received && i < run.arrivals.length; i++) {
            into.add(run.arrivals[i] - run.arrivals[i - 1]);
        }
    }

    /** Each member's first token minus the moment the question was sent. */
    static void timeToFirstToken(List<ChatRun> members, long sentNanos, Samples into) {
        for (ChatRun run : members) {
            if (run.firstTokenNanos >= 0) {
                into.add(run.firstTokenNanos - sentNanos);
            }
        }
    }

    private static List<ChatRun> complete(List<ChatRun> members) {
        return members.stream().filter(ChatRun::ok).toList();
    }

    private static int tokens(List<ChatRun> members) {
        List<ChatRun> ok = complete(members);
        return ok.isEmpty() ? 0 : ok.get(0).count;
    }

    private static long first(List<ChatRun> members, int token) {
        long first = Long.MAX_VALUE;
        for (ChatRun run : members) {
            if (run.ok()) {
                first = Math.min(first, run.arrivals[token]);
            }
        }
        return first;
    }

    private static long last(List<ChatRun> members, int token) {
        long last = Long.MIN_VALUE;
        for (ChatRun run : members) {
            if (run.ok()) {
                last = Math.max(last, run.arrivals[token]);
            }
        }
        return last;
    }
}
