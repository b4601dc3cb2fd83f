package io.lanchat.server.backend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whose turn it is. Fairness counts what each client identity already has running, not only what it has waiting:
 * the client with the fewest generations running is served first, and among equals the one served longest ago
 * (never served comes first; then the order the clients started waiting). A client is forgotten once it has nothing
 * running and nothing waiting.
 *
 * <p>Thread-safe: a slot granted at once is counted on the submitting thread; the rest happens on the scheduler's
 * loop. Each update is one atomic {@code compute} on the client's entry.
 */
final class ClientTurns {
    private record Turn(int running, long lastServed) {
    }

    private static final Turn NEW = new Turn(0, 0);
    private final Map<String, Turn> turns = new ConcurrentHashMap<>();
    private final AtomicLong served = new AtomicLong();

    /** The client got a slot: one more running, and it was served just now. */
    void granted(String client) {
        long now = served.incrementAndGet();
        turns.compute(client, (c, turn) -> new Turn((turn == null ? 0 : turn.running) + 1, now));
    }

    /** One of the client's generations ended. */
    void finished(String client) {
        turns.computeIfPresent(client, (c, turn) -> new Turn(Math.max(0, turn.running - 1), turn.lastServed));
    }

    /** Drops a client with nothing running; the scheduler calls it once the client has nothing waiting either. */
    void forgetIfIdle(String client) {
        turns.computeIfPresent(client, (c, turn) -> turn.running == 0 ? null : turn);
    }

    /** The waiting clients in the order they are to be served next, read once (other threads may grant meanwhile). */
    List<String> order(Iterable<String> waitingClients) {
        List<Ranked> ranked = new ArrayList<>();
        int arrival = 0;
        for (String client : waitingClients) {
            ranked.add(new Ranked(client, turns.getOrDefault(client, NEW), arrival++));
        }
        ranked.sort(Ranked.ORDER);
        return ranked.stream().map(Ranked::client).toList();
    }

    /**
     * Every waiting job in the order it would be served if nothing changed: each grant counts as one more running
     * for its client and makes it the one served last. Used to tell the jobs their places.
     */
    List<Job> projectedOrder(Map<String, ArrayDeque<Job>> waiting) {
        PriorityQueue<Ranked> next = new PriorityQueue<>(Ranked.ORDER);
        Map<String, Iterator<Job>> lines = new java.util.HashMap<>();
        int arrival = 0;
        for (Map.Entry<String, ArrayDeque<Job>> line : waiting.entrySet()) {
            lines.put(line.getKey(), line.getValue().iterator());
            next.add(new Ranked(line.getKey(), turns.getOrDefault(line.getKey(), NEW), arrival++));
        }
        long now = served.get();
        List<Job> order = new ArrayList<>();
        while (!next.isEmpty()) {
            Ranked first = next.poll();
            Iterator<Job> line = lines.get(first.client);
            order.add(line.next());
            if (line.hasNext()) {
                next.add(new Ranked(first.client, new Turn(first.turn.running + 1, ++now), first.arrival));
            }
        }
        return order;
    }

    private record Ranked(String client, Turn turn, int arrival) {
        static final Comparator<Ranked> ORDER = Comparator.<Ranked>comparingInt(r -> r.turn.running)
                .thenComparingLong(r -> r.turn.lastServed)
                .thenComparingInt(Ranked::arrival);
    }
}
