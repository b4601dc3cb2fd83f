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
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong chunks = new java.util.concurrent.atomic.AtomicLong();
    private final List<CompletableFuture<ChatCall>> waiting = new ArrayList<>();

    void record(ChatCall call, java.net.InetSocketAddress from) {
        calls.add(call);
        chatConnections.add(from);
    }

    int chatConnections() {
        return chatConnections.size();
    }

    List<ChatCall> calls() {
        return List.copyOf(calls);
    }

    void streamOpened() {
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
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

    int mostOpenStreams() {
        return mostOpen.get();
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
