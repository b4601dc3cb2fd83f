package io.lanchat.server.chat;

import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.SharedMessage;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * One reply as its conversation's {@link Watcher}s see it: each watcher gets its own {@link ReplyDelivery} over the
 * reply's one log, so it reads at its own speed and a slow watcher never holds up the owner (nor another watcher).
 * Watchers present when the question is asked see it at once; a watcher arriving later gets the question,
 * {@code started} and the reply from its first delta. A watcher
 * still behind when the reply ends (or stopped), or any watcher of a new version of a message, is sent the whole
 * conversation again once it is recorded ({@link Watcher#refresh()}).
 *
 * <p>Confined to the conversation's event loop.
 */
final class WatcherDeliveries {
    private final String conversationId;
    private final Audiences audiences;
    private final String requestId;
    private final DeltaLog deltas;
    /** The question as watchers see it; null when the reply answers a question already shown (regenerate). */
    private final HistoryMessage question;
    private final Map<Watcher, ReplyDelivery> deliveries = new IdentityHashMap<>();
    /** Watchers shown the question when it was asked, before the reply started: not shown it again. */
    private final Set<Watcher> askedBefore = Collections.newSetFromMap(new IdentityHashMap<>());
    private ReplyStarted started;
    private ServerMessage ending;

    WatcherDeliveries(String conversationId, Audiences audiences, String requestId, DeltaLog deltas,
                      HistoryMessage question) {
        this.conversationId = conversationId;
        this.audiences = audiences;
        this.requestId = requestId;
        this.deltas = deltas;
        this.question = question;
    }

    /**
     * The question was asked: the watchers present see it now, not only once the reply starts (the queue and a
     * model's load can take long, and in a room everyone should see what was asked when it was).
     */
    void asked() {
        if (question == null) {
            return;
        }
        for (Watcher w : audiences.liveWatchers(conversationId)) {
            w.send(new SharedMessage(requestId, question));
            w.flush();
            askedBefore.add(w);
        }
    }

    /** The reply has its first token: watchers can be told it started. */
    void started(ReplyStarted frame) {
        started = frame;
        pump(false);        // the batch that brought the first token flushes it with this (one flush, not two)
    }

    /** Sends each watcher what it can take now, bringing in those that arrived since. */
    void pump(boolean flush) {
        if (started == null) {
            return;
        }
        List<Watcher> now = audiences.liveWatchers(conversationId);
        if (now.isEmpty() && deliveries.isEmpty()) {
            return;
        }
        deliveries.keySet().removeIf(w -> !w.isOpen());
        for (Watcher w : now) {
            if (!deliveries.containsKey(w)) {
                ReplyDelivery delivery = new ReplyDelivery(target(w), requestId, deltas);
                if (question != null && !askedBefore.remove(w)) {
                    w.send(new SharedMessage(requestId, question));
                }
                w.send(started);
                deliveries.put(w, delivery);
                if (ending != null) {
                    delivery.end(ending);
                    continue;
                }
            }
            deliveries.get(w).pump(flush);
        }
    }

    /** Generation ended with {@code last}: each watcher gets it after its last delta. */
    void end(ServerMessage last) {
        ending = last;
        deliveries.values().forEach(d -> d.end(last));
        pump(true);
    }

    /**
     * The reply is over and recorded: watchers that did not get all of it (stopped, failed, too slow) or that
     * watched a new version of a message get the conversation again.
     */
    void settle(boolean newVersion) {
        for (Map.Entry<Watcher, ReplyDelivery> e : deliveries.entrySet()) {
            if (e.getKey().isOpen() && (newVersion || !e.getValue().complete())) {
                e.getKey().refresh();
            }
        }
        deliveries.clear();
        askedBefore.clear();
    }

    private static DeliveryTarget target(Watcher w) {
        return new DeliveryTarget() {
            @Override
            public boolean isAttached() {
                return w.isOpen();
            }

            @Override
            public boolean clientWritable() {
                return w.isWritable();
            }

            @Override
            public void send(ServerMessage message) {
                w.send(message);
            }

            @Override
            public void flush() {
                w.flush();
            }
        };
    }
}
