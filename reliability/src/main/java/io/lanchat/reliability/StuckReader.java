package io.lanchat.reliability;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.TokenDelta;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A client that asks for a long reply and then reads it very slowly ({@link Mode#SLOW}) or not at all while
 * keeping its connection alive with unsolicited pongs ({@link Mode#NONE}), with the server at {@code --parallel 1}.
 * Meanwhile a second user sends a short chat: it must complete within a bound, since one client's reading speed
 * must not hold the only generation slot. The server's memory is sampled every second.
 *
 * <p>The reply is large (3.2 MB by default) because on loopback the kernel alone buffers a megabyte or two per
 * connection; a smaller reply never makes the client's slowness reach the server. Over a real network a much
 * shorter reply does.
 */
final class StuckReader {
    enum Mode { SLOW, NONE }

    private final Options o;
    private final Mode mode;

    StuckReader(Options o, Mode mode) {
        this.o = o;
        this.mode = mode;
    }

    Checks run() throws Exception {
        String name = mode == Mode.SLOW ? "slow-reader" : "no-reader";
        Checks checks = new Checks(name);
        int tokens = o.integer("--reply-tokens", 800);
        int size = o.integer("--reply-token-size", 4000);
        int rate = o.integer("--read-rate", 16 * 1024);
        long hold = o.duration("--hold", Duration.ofSeconds(60)).toMillis();
        long bound = o.duration("--serve-within", Duration.ofSeconds(30)).toMillis();
        checks.figure("reply of " + tokens + " tokens x " + size + " chars to a client that "
                + (mode == Mode.SLOW ? "reads " + rate + " bytes/s" : "reads nothing (pongs every 5 s)")
                + " until the other user's chat ended and at least " + hold / 1000 + " s; --parallel 1; the other"
                + " user's chat must complete within " + bound / 1000 + " s");
        try (OllamaStandIn ollama = new OllamaStandIn(Duration.ofMillis(1), 1);
             ServerUnderTest server = ServerUnderTest.start(o.serverLaunch(), o.serverJvm(), List.of(
                     "--ollama-host", ollama.url(), "--model", OllamaStandIn.MODEL, "--parallel", "1",
                     // The whole reply, not the default 100,000 characters: its delivery is what is watched.
                     "--max-reply-chars", Integer.toString(Math.max(100_000, tokens * size + 1)),
                     "--max-session-chars", Integer.toString(Math.max(250_000, tokens * size + 20_000))),
                     o.logDir().resolve(name + "-server.log"));
             Sampler sampler = new Sampler(server.probe, ollama.port(), 1_000)) {
            server.awaitOllama(true, 30_000);
            Sample start = sampler.sampleNow();
            String request = ReplyText.request("stuck", tokens, size);
            RawWebSocket stuck = RawWebSocket.open(server.address(), Loopback.source(4, 0), 4096, 60_000);
            stuck.readText();   // hello
            stuck.sendText(ProtocolJson.writeClient(new ChatRequest("big", request)));
            long stuckSince = System.nanoTime();
            StringBuilder received = new StringBuilder();
            CountDownLatch release = new CountDownLatch(1);
            Thread reader = new Thread(() -> stuckClient(stuck, rate, release, received), name);
            reader.setDaemon(true);
            reader.start();

            Thread.sleep(2_000);   // the long reply is streaming and the client has stopped keeping up
            long otherStart = System.nanoTime();
            String other = ChatOnce.chat(server.address(), Loopback.source(0, 0), "other", 10, bound);
            double otherSeconds = (System.nanoTime() - otherStart) / 1e9;
            long heapDuring = server.probe.heapUsedBytes();
            long left = hold - (System.nanoTime() - stuckSince) / 1_000_000;
            if (left > 0) {
                Thread.sleep(left);   // stuck for at least --hold, to watch the memory
            }
            double stuckSeconds = (System.nanoTime() - stuckSince) / 1e9;
            release.countDown();
            reader.join(120_000);
            String outcome;
            synchronized (received) {
                outcome = received.toString();
            }
            stuck.close();
            Sample end = sampler.sampleNow();
            checks.figure("the other user's chat: " + (other == null ? "completed" : other) + " after "
                    + Figures.seconds(otherSeconds));
            checks.figure("the stuck client, stuck for " + Figures.seconds(stuckSeconds) + " then reading at full "
                    + "speed: " + outcome);
            for (String f : List.of("rss", "heap used", "upstream conns")) {
                checks.figure(Soak.summary(sampler, f, 0).toString());
            }
            checks.figure("memory over time (s: rss / heap): " + timeline(sampler));
            checks.figure("stand-in streams still open at the end " + ollama.standIn.openStreams()
                    + "; heap when the other chat ended " + Figures.bytes(heapDuring));

            checks.check("server up", server.alive() && server.healthz() == 200, "");
            checks.check("another user is served while one client " + (mode == Mode.SLOW ? "reads slowly"
                    : "does not read"), other == null, other == null ? Figures.seconds(otherSeconds)
                    : other + " after " + Figures.seconds(otherSeconds));
            long growth = Soak.summary(sampler, "rss", 0).max() - start.rssBytes();
            checks.check("server memory bounded", growth < 256L * 1024 * 1024, "RSS grew at most "
                    + Figures.bytes(growth));
            if (mode == Mode.SLOW) {
                checks.check("the slow reader's reply ends in a final frame, its text exact", outcome.startsWith(
                        "done, exact") || outcome.startsWith("done, cut short") || outcome.startsWith(
                        "error, exact prefix"), outcome);
            }
            return checks;
        }
    }

    /** The stuck client: slow or silent until released, then reads the rest at full speed (at most 60 s). */
    private void stuckClient(RawWebSocket ws, int rate, CountDownLatch release, StringBuilder outcome) {
        String expected = ReplyText.text(ReplyText.request("stuck", o.integer("--reply-tokens", 800),
                o.integer("--reply-token-size", 4000)));
        StringBuilder text = new StringBuilder();
        String result;
        try {
            while (mode == Mode.NONE && release.getCount() > 0) {
                ws.send(RawWebSocket.PONG, true, new byte[0]);   // alive, but takes nothing
                release.await(5, TimeUnit.SECONDS);
            }
            ws.setReadTimeout(60_000);
            long seq = 0;
            while (true) {
                String frame = ws.readText();
                if (frame == null) {
                    result = "closed by the server after " + seq + " tokens";
                    break;
                }
                if (mode == Mode.SLOW && release.getCount() > 0) {
                    release.await(Math.max(1, frame.length() * 1000L / rate), TimeUnit.MILLISECONDS);
                }
                ServerMessage m = ProtocolJson.readServer(frame);
                if (m instanceof TokenDelta t) {
                    if (t.seq() != seq++) {
                        result = "seq " + t.seq() + " where " + (seq - 1) + " was due";
                        break;
                    }
                    text.append(t.text());
                } else if (m instanceof ReplyDone d) {
                    result = (text.toString().equals(expected) ? "done, exact"
                            : !"stop".equals(d.doneReason()) && expected.startsWith(text.toString())
                            ? "done, cut short with reason " + d.doneReason() + ", exact prefix"
                            : "done, text differs") + " (" + seq + " tokens)";
                    break;
                } else if (m instanceof ErrorMessage e) {
                    result = "error, " + (expected.startsWith(text.toString()) ? "exact prefix" : "text differs")
                            + " (" + seq + " tokens): " + e.code().wireName() + " " + e.message();
                    break;
                } else if (m instanceof ReplyCancelled) {
                    result = "cancelled after " + seq + " tokens";
                    break;
                }
            }
        } catch (IOException e) {
            result = "connection failed: " + e;
        } catch (InterruptedException e) {
            result = "interrupted";
        }
        synchronized (outcome) {
            outcome.append(result);
        }
    }

    /** Every fifth sample as "t: rss / heap". */
    static String timeline(Sampler sampler) {
        StringBuilder s = new StringBuilder();
        List<Sample> all = sampler.samples();
        for (int i = 0; i < all.size(); i += Math.max(1, all.size() / 12)) {
            Sample x = all.get(i);
            s.append(String.format(java.util.Locale.ROOT, "%.0f: %s / %s; ", x.seconds(), Figures.bytes(x.rssBytes()),
                    Figures.bytes(x.heapUsedBytes())));
        }
        return s.toString();
    }
}
