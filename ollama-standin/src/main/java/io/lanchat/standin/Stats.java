package io.lanchat.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What the stand-in observed: chat calls, open streams and client cancellations; thread-safe. */
final class Stats {

    private final List<ChatCall> calls = new CopyOnWriteArrayList<>();
    private final java.util.Set<java.net.InetSocketAddress> chatConnections =
            java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final AtomicInteger showCalls = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger generating = new AtomicInteger();
    private final AtomicInteger mostGenerating = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong chunks = new java.util.concurrent.atomic.AtomicLong();
    private final List<CompletableFuture<ChatCall>> waiting = new ArrayList<>();

    void record(ChatCall call, java.net.InetSocketAddress from) {
        calls.add(call);
        chatConnections.add(from);
    }

    void recordShow() {
        showCalls.incrementAndGet();
    }

    int showCalls() {
        return showCalls.get();
    }

    int chatConnections() {
        return chatConnections.size();
    }

    List<ChatCall> calls() {
        return List.copyOf(calls);
    }

    void streamOpened() {
        open.incrementAndGet();
    }

    /**
     * A generation starts; {@link Generation#end()} it just before the final line, after which the client may
     * rightly start its next one while this stream's handler is still winding down.
     */
    Generation generationStarted() {
        mostGenerating.accumulateAndGet(generating.incrementAndGet(), Math::max);
        return new Generation();
    }

    /** One generation in progress; ending it twice counts once. */
    final class Generation {
        private boolean ended;

        void end() {
            if (!ended) {
                ended = true;
                generating.decrementAndGet();
            }
        }
    }

    void streamClosed() {
        open.decrementAndGet();
    }

    void chunkWritten() {
        chunks.incrementAndGet();
    }

    long chunksWritten() {
        return chunks.get();
    }

    int openStreams() {
        return open.get();
    }

    int mostConcurrentGenerations() {
        return mostGenerating.get();
    }

    int cancelledStreams() {
        return cancelled.get();
    }

    /** Counts a stream the client abandoned and wakes everyone waiting for that to happen. */
    void cancelled(ChatCall call) {
        cancelled.incrementAndGet();
        List<CompletableFuture<ChatCall>> toComplete;
        synchronized (waiting) {
            toComplete = new ArrayList<>(waiting);
            waiting.clear();
        }
        toComplete.forEach(f -> f.complete(call));
    }

    CompletableFuture<ChatCall> nextCancellation() {
        CompletableFuture<ChatCall> future = new CompletableFuture<>();
        synchronized (waiting) {
            waiting.add(future);
        }
        return future;
    }
}
