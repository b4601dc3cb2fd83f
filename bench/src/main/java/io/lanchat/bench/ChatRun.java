package io.lanchat.bench;

import java.util.concurrent.CompletableFuture;

/**
 * One streamed reply as the load generator sees it, through the server or straight from the stand-in: checks
 * that every token arrives, once and in order, and records each token's latency (arrival minus the stand-in's
 * send stamp) and the time to the first token. Confined to the event loop of its connection until
 * {@link #done} completes.
 */
final class ChatRun {
    final String id;
    final int count;
    final long intervalMicros;
    final Samples latency;
    final Samples steadyLatency;
    final CompletableFuture<ChatRun> done = new CompletableFuture<>();
    RateMeter meter;
    long sentNanos;
    long firstTokenNanos = -1;
    /** From the stand-in writing the first token to its arrival here: the outbound part of the time to it. */
    long firstTokenLatencyNanos = -1;
    long lastTokenNanos = -1;
    int received;
    String failure;
    /** When each token arrived, by its number (rooms compare one reply's tokens across members); null: not kept. */
    long[] arrivals;
    /** The stand-in's send stamp of each token, by its number, where {@link #arrivals} are kept. */
    long[] stamps;

    ChatRun(String id, int count, long intervalMicros, boolean recordLatency) {
        this.id = id;
        this.count = count;
        this.intervalMicros = intervalMicros;
        this.latency = recordLatency ? new Samples(Math.min(count, 1 << 16)) : null;
        this.steadyLatency = recordLatency ? new Samples(Math.min(count, 1 << 16)) : null;
    }

    /** Keeps each token's arrival time and send stamp, by its number. */
    ChatRun keepArrivals() {
        arrivals = new long[count];
        stamps = new long[count];
        return this;
    }

    String requestText() {
        return Tokens.request(count, intervalMicros);
    }

    /**
     * A token arrived at {@code now}.
     *
     * @param protocolSeq the frame's {@code seq} (through the server), or -1 (direct, NDJSON has none)
     * @param token       {seq, stamp} from the token text, or null when the text is not a benchmark token
     */
    void token(long protocolSeq, long[] token, long now) {
        if (token == null) {
            fail("token " + received + " has foreign text");
        } else if (token[0] != received || (protocolSeq >= 0 && protocolSeq != received)) {
            fail("token " + received + " expected, got text seq " + token[0] + " / frame seq " + protocolSeq);
        } else if (latency != null) {
            if (arrivals != null && received < count) {
                arrivals[received] = now;
                stamps[received] = token[1];
            }
            latency.add(now - token[1]);
            if (meter != null) {
                meter.tick(now, now - token[1]);
                if (now >= meter.steadyFrom && now < meter.steadyUntil) {
                    steadyLatency.add(now - token[1]);
                }
            }
        }
        if (received == 0) {
            firstTokenNanos = now;
            if (token != null) {
                firstTokenLatencyNanos = now - token[1];
            }
        }
        lastTokenNanos = now;
        received++;
        if (meter != null && (latency == null || token == null)) {
            meter.tick(now);
        }
    }

    void fail(String why) {
        if (failure == null) {
            failure = why;
        }
    }

    /** The reply ended (done frame, error, or a dropped connection when {@code why} is not null). */
    void finish(String why) {
        if (why != null) {
            fail(why);
        } else if (received != count) {
            fail("received " + received + " of " + count + " tokens");
        }
        done.complete(this);
    }

    boolean ok() {
        return done.isDone() && failure == null;
    }

    long timeToFirstToken() {
        return firstTokenNanos < 0 ? -1 : firstTokenNanos - sentNanos;
    }
}
