package io.lanchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fast stand-in for Ollama, on Netty, for load: {@code GET /}, {@code /api/version}, {@code /api/tags} and
 * streaming {@code POST /api/chat} in Ollama's wire format (chunked NDJSON, one object per line, flushed per
 * line, headers sent with the first token, a final {@code done:true} line with the six metrics).
 *
 * <p>The reply is chosen by the last message's text, {@code bench n=COUNT us=INTERVAL}: COUNT tokens, one every
 * INTERVAL microseconds (0 = as fast as the reader takes them). Each token's content is
 * {@link Tokens#text(long, long) seq:sendTime;}, stamped just before it is written to the socket.
 *
 * <p>The listener can be stopped and started again ({@link #stopListening()}, {@link #startListening()}) so that
 * a server probing it sees Ollama go away and come back.
 */
final class StandIn implements AutoCloseable {
    static final String MODEL = "bench:latest";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_FAST_BATCH = 256;

    private final EventLoopGroup group;
    private final java.util.Map<io.netty.util.concurrent.EventExecutor, Pacer> pacers =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread pacing;
    private volatile boolean closed;
    private final String host;
    private volatile int port;
    private volatile Channel listener;
    final AtomicLong chats = new AtomicLong();
    final AtomicLong tokensSent = new AtomicLong();
    final AtomicLong cancelled = new AtomicLong();
    final AtomicLong tagRequests = new AtomicLong();

    private StandIn(String host, int threads) {
        this.host = host;
        this.group = new MultiThreadIoEventLoopGroup(threads, BenchIo.handlers());
        this.pacing = new Thread(this::pace, "stand-in-pacing");
        this.pacing.setDaemon(true);
        this.pacing.start();
    }

    /**
     * Paced tokens go out on a 1 ms tick. Scheduling each token as its own event-loop timer would make Netty's
     * NIO loop spin (it polls instead of sleeping when the next timer is under half a millisecond away), which
     * at thousands of tokens a second burns a core that the server under test needs. Instead this thread wakes
     * each loop that has streams once a millisecond, and the loop sends every token that is due. The send stamp
     * is taken when a token is written, so the tick adds nothing to the measured latency.
     */
    private void pace() {
        while (!closed) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
            for (Pacer pacer : pacers.values()) {
                if (pacer.active > 0) {
                    pacer.loop.execute(pacer::tick);
                }
            }
        }
    }

    /** The paced streams of one event loop; touched only on that loop (but {@code active} is read by the pacer). */
    private static final class Pacer {
        final io.netty.util.concurrent.EventExecutor loop;
        final java.util.ArrayList<Handler> streams = new java.util.ArrayList<>();
        volatile int active;

        Pacer(io.netty.util.concurrent.EventExecutor loop) {
            this.loop = loop;
        }

        void add(Handler handler) {
            streams.add(handler);
            active = streams.size();
        }

        void tick() {
            long now = System.nanoTime();
            int kept = 0;
            for (int i = 0; i < streams.size(); i++) {
                Handler h = streams.get(i);
                if (h.emitDue(now)) {
                    streams.set(kept++, h);
                }
            }
            for (int i = streams.size() - 1; i >= kept; i--) {
                streams.remove(i);
            }
            active = streams.size();
        }
    }

    /** Starts listening on {@code host:port} (port 0 picks one). */
    static StandIn start(String host, int port, int threads) throws InterruptedException {
        StandIn standIn = new StandIn(host, threads);
        standIn.port = port;
        standIn.startListening();
        return standIn;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://" + host + ":" + port;
    }

    /** Binds the listener (again, on the same port after {@link #stopListening()}). */
    synchronized void startListening() throws InterruptedException {
        if (listener != null) {
            return;
        }
        listener = new ServerBootstrap()
                .group(group)
                .channel(BenchIo.serverSocket())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Handler());
                    }
                })
                .bind(host, port).sync().channel();
        port = ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Closes the listener: new connections are refused, as when Ollama is not running. */
    synchronized void stopListening() throws InterruptedException {
        if (listener != null) {
            listener.close().sync();
            listener = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            stopListening();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** One per connection; serves keep-alive requests one after another, like Go's server. */
    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private ChannelHandlerContext ctx;
        private String createdAt = "";
        private long createdAtMillis;
        // The reply streaming on this connection, if any.
        private boolean streaming;
        private boolean keepAlive;
        private String model;
        private long seq;
        private long count;
        private long intervalNanos;
        private long startNanos;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (streaming) {
                // HTTP/1.1 without pipelining: a client does not send while a reply streams.
                ctx.close();
                return;
            }
            keepAlive = HttpUtil.isKeepAlive(request);
            String path = request.uri();
            int query = path.indexOf('?');
            if (query >= 0) {
                path = path.substring(0, query);
            }
            HttpMethod method = request.method();
            boolean read = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
            switch (path) {
                case "/" -> respond(read ? HttpResponseStatus.OK : HttpResponseStatus.METHOD_NOT_ALLOWED,
                        "text/plain; charset=utf-8", read ? "Ollama is running" : "405 method not allowed", method);
                case "/api/version" -> respond(read ? HttpResponseStatus.OK : HttpResponseStatus.METHOD_NOT_ALLOWED,
                        "application/json; charset=utf-8", read ? "{\"version\":\"0.32.15\"}" : "405 method not allowed",
                        method);
                case "/api/tags" -> {
                    tagRequests.incrementAndGet();
                    respond(read ? HttpResponseStatus.OK : HttpResponseStatus.METHOD_NOT_ALLOWED,
                            "application/json; charset=utf-8", read ? tags() : "405 method not allowed", method);
                }
                case "/api/chat" -> {
                    if (method.equals(HttpMethod.POST)) {
                        chat(request.content().toString(StandardCharsets.UTF_8));
                    } else {
                        respond(HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "405 method not allowed", method);
                    }
                }
                default -> respond(HttpResponseStatus.NOT_FOUND, "text/plain", "404 page not found", method);
            }
        }

        private String tags() {
            return "{\"models\":[{\"name\":\"" + MODEL + "\",\"model\":\"" + MODEL + "\",\"modified_at\":\""
                    + "2026-03-01T09:00:00.123456789+01:00\",\"size\":637700138,\"digest\":"
                    + "\"2644915ede352ea7bdfaff0bfac0be74c719d5d5202acb63a6fb095b52f394a4\",\"details\":{"
                    + "\"parent_model\":\"\",\"format\":\"gguf\",\"family\":\"llama\",\"families\":[\"llama\"],"
                    + "\"parameter_size\":\"1B\",\"quantization_level\":\"Q4_0\"}}]}";
        }

        private void chat(String body) {
            JsonNode request;
            try {
                request = body.isBlank() ? null : JSON.readTree(body);
            } catch (IOException e) {
                error(HttpResponseStatus.BAD_REQUEST, "invalid character looking for beginning of value");
                return;
            }
            if (request == null || !request.isObject()) {
                error(HttpResponseStatus.BAD_REQUEST, "missing request body");
                return;
            }
            String name = request.path("model").asText("");
            if (name.isEmpty()) {
                error(HttpResponseStatus.BAD_REQUEST, "model is required");
                return;
            }
            if (!name.equals(MODEL) && !(name + ":latest").equals(MODEL)) {
                error(HttpResponseStatus.NOT_FOUND, "model '" + name + "' not found");
                return;
            }
            JsonNode messages = request.path("messages");
            String last = messages.isArray() && messages.size() > 0
                    ? messages.get(messages.size() - 1).path("content").asText("") : "";
            long[] asked = Tokens.parseRequest(last);
            chats.incrementAndGet();
            model = name;
            count = asked[0];
            intervalNanos = TimeUnit.MICROSECONDS.toNanos(asked[1]);
            seq = 0;
            streaming = true;
            startNanos = System.nanoTime();
            HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/x-ndjson")
                    .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            ctx.write(response);          // goes out with the first token, as Ollama's headers do
            emit();
        }

        /** Sends the first token at once; then the pacer (paced) or the reader's pace (as fast as possible). */
        private void emit() {
            if (!streaming || !ctx.channel().isActive()) {
                return;
            }
            if (intervalNanos == 0) {
                int batch = 0;
                while (seq < count && ctx.channel().isWritable() && batch++ < MAX_FAST_BATCH) {
                    token();
                }
                if (seq == count) {
                    done();
                } else if (ctx.channel().isWritable()) {
                    ctx.executor().execute(this::emit);      // let other connections have the loop
                }
                // else: channelWritabilityChanged resumes
                return;
            }
            token();
            if (seq == count) {
                done();
                return;
            }
            pacers.computeIfAbsent(ctx.executor(), Pacer::new).add(this);
        }

        /** Sends the paced tokens due by {@code now}; false once the reply is over. */
        boolean emitDue(long now) {
            if (!streaming || !ctx.channel().isActive()) {
                return false;
            }
            while (seq < count && startNanos + seq * intervalNanos <= now) {
                token();
            }
            if (seq == count) {
                done();
                return false;
            }
            return true;
        }

        private void token() {
            ByteBuf line = ctx.alloc().buffer(160);
            long now = System.nanoTime();
            ByteBufUtil.writeAscii(line, "{\"model\":\"" + model + "\",\"created_at\":\"" + createdAt()
                    + "\",\"message\":{\"role\":\"assistant\",\"content\":\"" + Tokens.text(seq, now)
                    + "\"},\"done\":false}\n");
            seq++;
            tokensSent.incrementAndGet();
            ctx.writeAndFlush(new DefaultHttpContent(line), ctx.voidPromise());
        }

        private void done() {
            streaming = false;
            long total = System.nanoTime() - startNanos;
            String line = "{\"model\":\"" + model + "\",\"created_at\":\"" + createdAt()
                    + "\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\","
                    + "\"total_duration\":" + Math.max(1, total) + ",\"load_duration\":1000,\"prompt_eval_count\":8,"
                    + "\"prompt_eval_duration\":1000,\"eval_count\":" + count + ",\"eval_duration\":" + Math.max(1, total)
                    + "}\n";
            ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer(line, StandardCharsets.US_ASCII)));
            var write = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) {
                write.addListener(ChannelFutureListener.CLOSE);
            }
        }

        /** {@code created_at}: UTC RFC 3339, recomputed once a millisecond (it is on every line). */
        private String createdAt() {
            long millis = System.currentTimeMillis();
            if (millis != createdAtMillis) {
                createdAtMillis = millis;
                createdAt = Instant.ofEpochMilli(millis).toString();
            }
            return createdAt;
        }

        private void error(HttpResponseStatus status, String message) {
            respond(status, "application/json; charset=utf-8",
                    "{\"error\":" + JSON.valueToTree(message).toString() + "}", HttpMethod.POST);
        }

        private void respond(HttpResponseStatus status, String type, String body, HttpMethod method) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    method.equals(HttpMethod.HEAD) ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            if (!keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            var write = ctx.writeAndFlush(response);
            if (!keepAlive) {
                write.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
            if (streaming && intervalNanos == 0 && ctx.channel().isWritable()) {
                emit();
            }
            super.channelWritabilityChanged(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (streaming) {
                streaming = false;        // the reader hung up: Ollama stops generating
                cancelled.incrementAndGet();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
