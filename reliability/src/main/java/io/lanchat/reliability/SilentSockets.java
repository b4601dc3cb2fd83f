package io.lanchat.reliability;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Many TCP connections that connect and never send a byte, more than {@code --max-connections}, from a spread of
 * loopback addresses; a real user (on its own address) keeps trying to connect and chat. The user must be served
 * within a bound, and the server's memory is sampled every second.
 */
final class SilentSockets {
    private final Options o;

    SilentSockets(Options o) {
        this.o = o;
    }

    Checks run() throws Exception {
        Checks checks = new Checks("silent-socket");
        int silent = o.integer("--silent", 2000);
        int maxConnections = o.integer("--max-connections", 500);
        long bound = o.duration("--serve-within", Duration.ofSeconds(30)).toMillis();
        checks.figure(silent + " silent TCP connections against --max-connections " + maxConnections
                + "; a real user must be served within " + bound / 1000 + " s");
        List<Socket> sockets = new ArrayList<>();
        try (OllamaStandIn ollama = new OllamaStandIn(Duration.ofMillis(5), 1);
             ServerUnderTest server = ServerUnderTest.start(o.serverLaunch(), o.serverJvm(), List.of(
                     "--ollama-host", ollama.url(), "--model", OllamaStandIn.MODEL,
                     "--max-connections", Integer.toString(maxConnections)),
                     o.logDir().resolve("silent-socket-server.log"));
             Sampler sampler = new Sampler(server.probe, 0, 1_000)) {
            server.awaitOllama(true, 30_000);
            Sample start = sampler.sampleNow();
            int connectFailures = 0;
            for (int i = 0; i < silent; i++) {
                Socket s = new Socket();
                try {
                    s.bind(new java.net.InetSocketAddress(Loopback.source(5 + i / 10_000, i / 40), 0));
                    s.connect(server.address(), 5_000);
                    s.setSoTimeout(1);
                    sockets.add(s);
                } catch (IOException e) {
                    connectFailures++;
                    s.close();
                }
            }
            // Wait (at most 10 s) until the server has accepted them all, so the user comes after every one of them.
            long accepted = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.probe.openFiles() < start.openFiles() + sockets.size() && System.nanoTime() < accepted) {
                Thread.sleep(50);
            }
            Sample held = sampler.sampleNow();

            long userStart = System.nanoTime();
            long deadline = userStart + TimeUnit.MILLISECONDS.toNanos(bound);
            Map<String, Integer> refusals = new TreeMap<>();
            String last = null;
            int attempts = 0;
            while (System.nanoTime() < deadline) {
                attempts++;
                last = ChatOnce.chat(server.address(), Loopback.source(0, 0), "real" + attempts, 10,
                        Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (last == null) {
                    break;
                }
                refusals.merge(last.length() > 60 ? last.substring(0, 60) : last, 1, Integer::sum);
                Thread.sleep(500);
            }
            double userSeconds = (System.nanoTime() - userStart) / 1e9;
            int closedByServer = closedByServer(sockets);
            Sample end = sampler.sampleNow();

            checks.figure("silent sockets connected " + sockets.size() + " (" + connectFailures + " failed to connect)"
                    + ", closed by the server by the end " + closedByServer);
            checks.figure("real user: " + (last == null ? "served" : "not served") + " after "
                    + Figures.seconds(userSeconds) + ", " + attempts + " attempts; failures seen " + refusals);
            checks.figure("open files: start " + start.openFiles() + ", with the silent sockets " + held.openFiles()
                    + ", end " + end.openFiles());
            for (String f : List.of("rss", "heap used", "threads")) {
                checks.figure(Soak.summary(sampler, f, 0).toString());
            }
            checks.figure("memory over time (s: rss / heap): " + StuckReader.timeline(sampler));

            checks.check("server up", server.alive() && server.healthz() == 200, "");
            checks.check("a real user is served while silent sockets are open", last == null,
                    last == null ? "after " + Figures.seconds(userSeconds) : last);
            long growth = Soak.summary(sampler, "rss", 0).max() - start.rssBytes();
            checks.check("server memory bounded", growth < 256L * 1024 * 1024, "RSS grew at most "
                    + Figures.bytes(growth));
            return checks;
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    /** How many of the sockets the server has closed (a read sees the end of the stream or a reset). */
    private static int closedByServer(List<Socket> sockets) {
        int closed = 0;
        for (Socket s : sockets) {
            try {
                if (s.getInputStream().read() < 0) {
                    closed++;
                }
            } catch (SocketTimeoutException e) {
                // still open
            } catch (IOException e) {
                closed++;
            }
        }
        return closed;
    }
}
