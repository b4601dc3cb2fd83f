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
import io.netty.handler.codec.http.FullHttpRequest;
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
 * The baseline: the load generator talking to the stand-in directly, {@code POST /api/chat} over loopback HTTP
 * with NDJSON streaming back, the same way the server talks to Ollama. Connections are opened before the
 * measurement and kept alive between chats (the server instead opens one per reply, so its connect time counts
 * as overhead, not as baseline).
 */
final class DirectClient implements AutoCloseable {
    private final EventLoopGroup group;
    private final String host;
    private final int port;

    DirectClient(int threads, String host, int port) {
        Loopback.require(host);
        this.group = new MultiThreadIoEventLoopGroup(threads, BenchIo.handlers());
        this.host = host;
        this.port = port;
    }

    List<Conn> connect(int count) throws Exception {
        List<Conn> conns = new ArrayList<>(count);
        List<CompletableFuture<?>> opened = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Conn conn = new Conn();
            CompletableFuture<Void> f = new CompletableFuture<>();
            new Bootstrap()
                    .group(group)
                    .channel(BenchIo.socket())
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

    static void closeAll(List<Conn> conns) {
        conns.forEach(c -> c.channel.close());
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** One kept-alive HTTP connection to the stand-in; one chat at a time. */
    final class Conn extends ChannelInboundHandlerAdapter {
        private static final String CONTENT = "\"content\":\"";
        private Channel channel;
        private ChatRun current;
        private ByteBuf pending;
        private int status;

        void chat(ChatRun run) {
            String body = "{\"model\":\"" + StandIn.MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                    + run.requestText() + "\"}],\"stream\":true}";
            channel.eventLoop().execute(() -> {
                if (current != null || !channel.isActive()) {
                    run.finish(current != null ? "a chat is already running on this connection" : "connection closed");
                    return;
                }
                current = run;
                status = 0;
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/chat",
                        Unpooled.wrappedBuffer(bytes));
                request.headers().set(HttpHeaderNames.HOST, host + ":" + port)
                        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                        .set(HttpHeaderNames.ACCEPT, "application/x-ndjson")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
                run.sentNanos = System.nanoTime();
                channel.writeAndFlush(request, channel.voidPromise());
            });
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
                if (msg instanceof HttpContent content && current != null) {
                    pending.writeBytes(content.content());
                    lines(now);
                    if (msg instanceof LastHttpContent && current != null) {
                        ChatRun run = current;
                        current = null;
                        run.finish(status == 200 ? "stream ended before done" : "HTTP " + status);
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void lines(long now) {
            int eol;
            while (current != null
                    && (eol = pending.indexOf(pending.readerIndex(), pending.writerIndex(), (byte) '\n')) >= 0) {
                String line = pending.toString(pending.readerIndex(), eol - pending.readerIndex(), StandardCharsets.UTF_8);
                pending.readerIndex(eol + 1);
                if (line.contains("\"done\":true")) {
                    ChatRun run = current;
                    current = null;
                    run.finish(null);
                } else if (line.contains("\"error\"")) {
                    ChatRun run = current;
                    current = null;
                    run.finish("stream error " + line);
                } else {
                    int at = line.indexOf(CONTENT);
                    int end = at < 0 ? -1 : line.indexOf('"', at + CONTENT.length());
                    current.token(-1, end < 0 ? null : Tokens.parse(line, at + CONTENT.length(), end), now);
                }
            }
            pending.discardSomeReadBytes();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (current != null) {
                ChatRun run = current;
                current = null;
                run.finish("connection closed during the reply");
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
