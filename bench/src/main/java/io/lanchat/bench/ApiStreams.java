package io.lanchat.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ollama API clients that stream {@code POST /api/chat} (NDJSON, {@code stream:true}) back to back on kept-alive
 * connections, to whatever speaks Ollama's API: the stand-in directly, or the server's API port in front of it.
 * The same code on both paths, so the difference is the path. Each connection records, for the tokens that arrive
 * inside a window, the token's latency (arrival minus the stand-in's send stamp in its text), the inter-token gap
 * and its jitter, and for the chats sent inside it the time to the first token.
 */
final class ApiStreams implements AutoCloseable {
    private final EventLoopGroup group;
    private final String host;
    private final int port;

    ApiStreams(int threads, String host, int port) {
        Loopback.require(host);
        this.group = new MultiThreadIoEventLoopGroup(threads, BenchIo.handlers());
        this.host = host;
        this.port = port;
    }

    /** Opens {@code count} connections, 256 at a time, each to run chats of {@code tokens} every {@code micros}. */
    List<Conn> connect(int count, int tokens, long micros) throws Exception {
        List<Conn> conns = new ArrayList<>(count);
        List<CompletableFuture<?>> opened = new ArrayList<>(count);
        byte[] body = ("{\"model\":\"" + StandIn.MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + Tokens.request(tokens, micros) + "\"}],\"stream\":true}").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < count; i++) {
            Conn conn = new Conn(body, tokens);
            CompletableFuture<Void> f = new CompletableFuture<>();
            new Bootstrap().group(group).channel(BenchIo.socket())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), conn);
                        }
                    })
                    .connect(host, port)
                    .addListener(c -> {
                        if (c.isSuccess()) {
                            f.complete(null);
                        } else {
                            f.completeExceptionally(c.cause());
                        }
                    });
            conns.add(conn);
            opened.add(f);
            if (opened.size() % 256 == 0) {
                CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            }
        }
        CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        return conns;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /**
     * One kept-alive connection running one chat at a time, the next one sent when the previous response has
     * ended (its last chunk, not just the {@code done} line: HTTP/1.1 without pipelining). Everything is touched on
     * the connection's event loop only; the samples are read after {@link #finished} completed.
     */
    final class Conn extends ChannelInboundHandlerAdapter {
        private static final String CONTENT = "\"content\":\"";
        final CompletableFuture<Conn> finished = new CompletableFuture<>();
        final Samples latency = new Samples(256);
        final Samples gaps = new Samples(256);
        final Samples jitter = new Samples(256);
        final Samples ttft = new Samples(16);
        /** Chat sent to the stand-in's first token written: the request's way in (queue, relay, connect). */
        final Samples inbound = new Samples(16);
        int chatsOk;
        long tokens;
        String failure;
        private final byte[] body;
        private final int count;
        private Channel channel;
        private ByteBuf pending;
        private long windowFrom;
        private long windowUntil;
        private boolean inReply;
        private boolean replyDone;
        private int status;
        private int received;
        private long sentNanos;
        private long prevArrival;
        private long prevLatency;

        private Conn(byte[] body, int count) {
            this.body = body;
            this.count = count;
        }

        /** Sends chats back to back until {@code until}; samples what happens in [{@code from}, {@code until}). */
        void start(long from, long until) {
            channel.eventLoop().execute(() -> {
                windowFrom = from;
                windowUntil = until;
                send();
            });
        }

        private void send() {
            long now = System.nanoTime();
            if (now >= windowUntil || !channel.isActive()) {
                finished.complete(this);
                return;
            }
            DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                    "/api/chat", Unpooled.wrappedBuffer(body));
            request.headers().set(HttpHeaderNames.HOST, host + ":" + port)
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set(HttpHeaderNames.ACCEPT, "application/x-ndjson")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            inReply = true;
            replyDone = false;
            status = 0;
            received = 0;
            sentNanos = System.nanoTime();
            channel.writeAndFlush(request, channel.voidPromise());
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            pending = ctx.alloc().heapBuffer(512);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            pending.release();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            long now = System.nanoTime();
            try {
                if (msg instanceof HttpResponse response) {
                    status = response.status().code();
                }
                if (msg instanceof HttpContent content && inReply) {
                    pending.writeBytes(content.content());
                    lines(now);
                    if (msg instanceof LastHttpContent && !finished.isDone()) {
                        if (replyDone) {
                            inReply = false;
                            send();
                        } else {
                            fail(status == 200 ? "stream ended before done" : "HTTP " + status + " "
                                    + pending.toString(StandardCharsets.UTF_8));
                        }
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void lines(long now) {
            int eol;
            while (!finished.isDone()
                    && (eol = pending.indexOf(pending.readerIndex(), pending.writerIndex(), (byte) '\n')) >= 0) {
                String line = pending.toString(pending.readerIndex(), eol - pending.readerIndex(), StandardCharsets.UTF_8);
                pending.readerIndex(eol + 1);
                if (replyDone) {
                    fail("a line after done: " + line);
                } else if (line.contains("\"done\":true")) {
                    if (received == count) {
                        replyDone = true;
                        chatsOk++;
                    } else {
                        fail("received " + received + " of " + count + " tokens");
                    }
                } else if (line.contains("\"error\"")) {
                    fail("stream error " + line);
                } else {
                    token(line, now);
                }
            }
            pending.discardSomeReadBytes();
        }

        private void token(String line, long now) {
            int at = line.indexOf(CONTENT);
            int end = at < 0 ? -1 : line.indexOf('"', at + CONTENT.length());
            long[] token = end < 0 ? null : Tokens.parse(line, at + CONTENT.length(), end);
            if (token == null || token[0] != received) {
                fail("token " + received + " expected, got " + line);
                return;
            }
            long lat = now - token[1];
            boolean inWindow = now >= windowFrom && now < windowUntil;
            if (received == 0) {
                if (sentNanos >= windowFrom && sentNanos < windowUntil) {
                    ttft.add(now - sentNanos);
                    inbound.add(token[1] - sentNanos);
                }
            } else if (inWindow) {
                gaps.add(now - prevArrival);
                // The arrival gap minus the stand-in's send gap: what the path adds to the spacing of tokens.
                jitter.add(Math.abs(lat - prevLatency));
            }
            if (inWindow) {
                latency.add(lat);
            }
            prevArrival = now;
            prevLatency = lat;
            received++;
            tokens++;
        }

        private void fail(String why) {
            if (failure == null) {
                failure = why;
            }
            channel.close();
            finished.complete(this);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (!finished.isDone()) {
                fail("connection closed" + (inReply ? " during a reply" : ""));
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(String.valueOf(cause));
        }
    }
}
