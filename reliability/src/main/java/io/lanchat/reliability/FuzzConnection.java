package io.lanchat.reliability;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One attacker: writes hostile frames as fast as the server takes them, with a reader thread draining every
 * answer (so what is measured is hostility, not a client that never reads). After a frame that must end the
 * connection it waits up to ten seconds for the server to close, then reconnects.
 */
final class FuzzConnection implements Runnable {
    /** Counts shared by every attacker. */
    static final class Tally {
        final LongAdder frames = new LongAdder();
        final LongAdder fatalFrames = new LongAdder();
        final LongAdder answers = new LongAdder();
        final LongAdder connections = new LongAdder();
        final LongAdder closedAsExpected = new LongAdder();
        final LongAdder notClosedAfterFatal = new LongAdder();
        final LongAdder closedUnexpectedly = new LongAdder();
        final LongAdder connectFailures = new LongAdder();
        final Map<Integer, LongAdder> closeCodes = new ConcurrentHashMap<>();
        final Map<String, LongAdder> kinds = new ConcurrentHashMap<>();
        final Map<String, LongAdder> notClosedKinds = new ConcurrentHashMap<>();
    }

    private final InetSocketAddress server;
    private final InetAddress source;
    private final HostileFrames frames;
    private final AtomicLong budget;
    private final Tally tally;

    FuzzConnection(InetSocketAddress server, InetAddress source, long seed, int maxFrameBytes, AtomicLong budget,
                   Tally tally) {
        this.server = server;
        this.source = source;
        this.frames = new HostileFrames(seed, maxFrameBytes);
        this.budget = budget;
        this.tally = tally;
    }

    @Override
    public void run() {
        while (budget.get() > 0) {
            RawWebSocket ws;
            try {
                ws = RawWebSocket.open(server, source, 0, 10_000);
            } catch (IOException e) {
                tally.connectFailures.increment();
                sleep(200);
                continue;
            }
            tally.connections.increment();
            CountDownLatch closed = new CountDownLatch(1);
            Thread reader = new Thread(() -> drain(ws, closed), "fuzz-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                while (budget.getAndDecrement() > 0) {
                    HostileFrames.Hostile h = frames.next();
                    tally.kinds.computeIfAbsent(h.kind(), k -> new LongAdder()).increment();
                    ws.writeRaw(h.bytes());
                    tally.frames.increment();
                    if (h.fatal()) {
                        tally.fatalFrames.increment();
                        if (!h.mustClose()) {
                            closed.await(200, TimeUnit.MILLISECONDS);
                        } else if (closed.await(10, TimeUnit.SECONDS)) {
                            tally.closedAsExpected.increment();
                        } else {
                            tally.notClosedAfterFatal.increment();
                            tally.notClosedKinds.computeIfAbsent(h.kind(), k -> new LongAdder()).increment();
                        }
                        break;
                    }
                    if (closed.getCount() == 0) {
                        tally.closedUnexpectedly.increment();
                        break;
                    }
                }
            } catch (IOException e) {
                budget.incrementAndGet();   // that frame was not sent: someone sends it again
                tally.closedUnexpectedly.increment();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                ws.close();
            }
        }
    }

    private void drain(RawWebSocket ws, CountDownLatch closed) {
        try {
            ws.setReadTimeout(0);
            while (true) {
                RawWebSocket.Frame f = ws.read();
                if (f.opcode() == RawWebSocket.CLOSE) {
                    tally.closeCodes.computeIfAbsent(f.closeCode(), c -> new LongAdder()).increment();
                    break;
                }
                tally.answers.increment();
            }
        } catch (EOFException e) {
            tally.closeCodes.computeIfAbsent(1006, c -> new LongAdder()).increment();
        } catch (IOException e) {
            // closed by us
        } finally {
            closed.countDown();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
