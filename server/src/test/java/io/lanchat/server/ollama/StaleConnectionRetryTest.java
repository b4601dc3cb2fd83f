package io.lanchat.server.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lanchat.protocol.ReplyStats;
import io.lanchat.server.config.IoTransport;
import io.lanchat.server.transport.NettyIo;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A kept-alive connection that the old Ollama process closed (or reset) while it sat idle, taken for the next reply
 * before the event loop noticed: the request goes again, once, on a new connection, and nobody hears of a failure.
 * The event loop is held while Ollama drops the connection, so the client cannot have noticed: no race decides.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class StaleConnectionRetryTest {
    private static final String DONE_LINE = "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"done\":true,\"done_reason\":\"stop\"}\n";

    /** Connections the fake Ollama accepted. */
    private final AtomicInteger accepted = new AtomicInteger();
    /** Completed when the fake Ollama should drop the kept connection. */
    private final CompletableFuture<Void> dropWhenAsked = new CompletableFuture<>();
    private EventLoopGroup group;
    private EventLoop loop;
    private NettyIo io;
    private ServerSocket ollama;

    /** Both transports the server runs on: they report a reset or a closed socket differently. */
    private void on(IoTransport transport) {
        assumeTrue(transport != IoTransport.EPOLL || Epoll.isAvailable(), "epoll is not available here");
        io = NettyIo.select(transport);
        group = new MultiThreadIoEventLoopGroup(1, io.ioHandlers());
        loop = group.next();
    }

    @AfterEach
    void close() throws Exception {
        if (ollama != null) {
            ollama.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IoTransport.class, names = {"NIO", "EPOLL"})
    void aKeptConnectionClosedByOllamaIsRetriedOnANewOne(IoTransport transport) throws Exception {
        on(transport);
        assertSecondReplyComesOnANewConnection(false);
    }

    @ParameterizedTest
    @EnumSource(value = IoTransport.class, names = {"NIO", "EPOLL"})
    void aKeptConnectionResetByOllamaIsRetriedOnANewOne(IoTransport transport) throws Exception {
        on(transport);
        assertSecondReplyComesOnANewConnection(true);
    }

    @ParameterizedTest
    @EnumSource(value = IoTransport.class, names = {"NIO", "EPOLL"})
    void aNewConnectionThatFailsAfterTheRetryIsAFailure(IoTransport transport) throws Exception {
        on(transport);
        OllamaClient client = clientForOllama();
        CompletableFuture<Void> first = serveOneThenDrop(false);
        assertThat(chat(client).get(10, TimeUnit.SECONDS)).isEqualTo("done");
        awaitIdle(client);
        ollama.close();                          // gone for good: the new connection is refused

        String outcome = onLoopAfterDrop(client, first).get(10, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo("failed UNREACHABLE");
        assertThat(accepted.get()).as("connections Ollama accepted").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = IoTransport.class, names = {"NIO", "EPOLL"})
    void aKeptConnectionThatFailsAfterOllamaBeganAnsweringIsAFailureNotARetry(IoTransport transport)
            throws Exception {
        on(transport);
        OllamaClient client = clientForOllama();
        Thread server = new Thread(() -> {
            try (Socket kept = ollama.accept()) {
                accepted.incrementAndGet();
                answer(kept);
                readRequest(kept);
                kept.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                kept.getOutputStream().flush();
                // Then it dies: closing (not resetting) keeps the head ahead of the end, whatever the timing.
            } catch (Exception e) {
                // the asserts tell
            }
        }, "fake-ollama");
        server.setDaemon(true);
        server.start();
        assertThat(chat(client).get(10, TimeUnit.SECONDS)).isEqualTo("done");
        awaitIdle(client);

        String outcome = chat(client).get(10, TimeUnit.SECONDS);

        assertThat(outcome).as("Ollama had the request: it is not sent twice").isEqualTo("failed INCOMPLETE");
        assertThat(accepted.get()).as("connections Ollama accepted").isEqualTo(1);
    }

    private void assertSecondReplyComesOnANewConnection(boolean reset) throws Exception {
        OllamaClient client = clientForOllama();
        CompletableFuture<Void> first = serveOneThenDrop(reset);
        assertThat(chat(client).get(10, TimeUnit.SECONDS)).isEqualTo("done");
        awaitIdle(client);

        String outcome = onLoopAfterDrop(client, first).get(10, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo("done");
        assertThat(accepted.get()).as("connections Ollama accepted").isEqualTo(2);
        awaitNoBusyConnection(client);
    }

    private OllamaClient clientForOllama() throws IOException {
        ollama = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        URI uri = URI.create("http://127.0.0.1:" + ollama.getLocalPort());
        return new OllamaClient(new OllamaEndpoint(uri), io.socketChannel(), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    /**
     * Answers one chat with keep-alive; once asked, drops that connection (the returned future completes then) and
     * answers one chat on every later connection until the listener is closed.
     */
    private CompletableFuture<Void> serveOneThenDrop(boolean reset) {
        CompletableFuture<Void> dropped = new CompletableFuture<>();
        Thread server = new Thread(() -> {
            try {
                Socket kept = ollama.accept();
                accepted.incrementAndGet();
                answer(kept);
                dropWhenAsked.get(10, TimeUnit.SECONDS);
                if (reset) {
                    kept.setSoLinger(true, 0);   // close with RST: "Connection reset by peer" on the next write
                }
                kept.close();
                dropped.complete(null);
                while (!ollama.isClosed()) {
                    try (Socket fresh = ollama.accept()) {
                        accepted.incrementAndGet();
                        answer(fresh);
                    }
                }
            } catch (Exception e) {
                dropped.complete(null);      // the closed listener ends the thread; any failure shows in the asserts
            }
        }, "fake-ollama");
        server.setDaemon(true);
        server.start();
        return dropped;
    }

    /**
     * Holds the event loop while Ollama drops the kept connection, then starts a chat in the same task: the loop
     * has not read the close, so the connection still looks open and is taken.
     */
    private CompletableFuture<String> onLoopAfterDrop(OllamaClient client, CompletableFuture<Void> dropped) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        loop.execute(() -> {
            dropWhenAsked.complete(null);
            try {
                if (dropped != null) {
                    dropped.get(10, TimeUnit.SECONDS);
                    // Test only: let the close or reset reach this side's socket. Should it come later, the request
                    // meets a closed socket on the far side instead: the same stale connection either way.
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                outcome.completeExceptionally(e);
                return;
            }
            client.streamChat(loop, "m", List.of(new OllamaMessage("user", "again", null)), null, new Outcome(outcome));
        });
        return outcome;
    }

    private CompletableFuture<String> chat(OllamaClient client) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        loop.execute(() -> client.streamChat(loop, "m", List.of(new OllamaMessage("user", "hello", null)), null,
                new Outcome(outcome)));
        return outcome;
    }

    private static void awaitIdle(OllamaClient client) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.idleChatConnections() != 1) {
            assertThat(System.nanoTime()).as("connection kept idle in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** The retried reply's connection stops counting once handed back (just after the reply ended). */
    private static void awaitNoBusyConnection(OllamaClient client) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.openChatConnections() != 0) {
            assertThat(System.nanoTime()).as("no connection left counted as busy").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Reads one request (head and Content-Length body) and answers with one done line, keeping the connection. */
    private static void answer(Socket socket) throws IOException {
        readRequest(socket);
        byte[] body = DONE_LINE.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /**
     * Reads a request's head and its Content-Length body. The client sends the next request only after the answer,
     * so a new reader per request loses nothing.
     */
    private static void readRequest(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.skip(length);
    }

    /** Completes with "done" or "failed KIND". */
    private record Outcome(CompletableFuture<String> result) implements StreamListener {
        @Override
        public void onStarted(boolean thinking) {
        }

        @Override
        public void onThinking(String text) {
        }

        @Override
        public void onDelta(String text) {
        }

        @Override
        public void onBatchEnd() {
        }

        @Override
        public void onDone(String doneReason, ReplyStats stats) {
            result.complete("done");
        }

        @Override
        public void onFailure(OllamaFailure failure) {
            result.complete("failed " + failure.kind());
        }
    }
}
