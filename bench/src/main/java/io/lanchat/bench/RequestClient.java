package io.lanchat.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens {@link RequestConn}s to the server on loopback, each presenting an owner key on the WebSocket URL
 * ({@code /ws?owner_key=KEY}), as the page does.
 */
final class RequestClient implements AutoCloseable {
    private final EventLoopGroup group;
    private final String host;
    private final int port;

    RequestClient(int threads, String host, int port) {
        Loopback.require(host);
        this.group = new MultiThreadIoEventLoopGroup(threads, BenchIo.handlers());
        this.host = host;
        this.port = port;
    }

    /**
     * Opens {@code count} connections for the owner key, at most {@code parallel} handshakes at a time; each is
     * returned once its {@code hello} arrived. Fails when any does not within {@code timeoutMillis} in all.
     */
    List<RequestConn> connect(String ownerKey, int count, int parallel, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<RequestConn> conns = new ArrayList<>(count);
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RequestConn conn = open(ownerKey);
            conns.add(conn);
            inFlight.add(conn.hello);
            if (inFlight.size() == parallel || i == count - 1) {
                long left = deadline - System.nanoTime();
                try {
                    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                            .get(Math.max(1, left), TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    closeAll(conns, 5_000);
                    throw new IOException("opening connection " + (i + 1) + " of " + count + " failed: " + e, e);
                }
                inFlight.clear();
            }
        }
        return conns;
    }

    private RequestConn open(String ownerKey) {
        URI uri = URI.create("ws://" + host + ":" + port + "/ws?owner_key=" + ownerKey);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .maxFramePayloadLength(8 << 20)       // an opened conversation carries its whole history
                .handshakeTimeoutMillis(30_000)
                .generateOriginHeader(false)
                .dropPongFrames(true)
                .build();
        RequestConn conn = new RequestConn();
        new Bootstrap()
                .group(group)
                .channel(BenchIo.socket())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketClientProtocolHandler(config), conn);
                    }
                })
                .connect(host, port)
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        conn.hello.completeExceptionally(f.cause());
                    }
                });
        return conn;
    }

    /** Closes every connection and waits (up to {@code millis} in all) until the server saw them go. */
    static void closeAll(List<RequestConn> conns, long millis) {
        conns.stream().map(RequestConn::channel).filter(c -> c != null).forEach(Channel::close);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (RequestConn conn : conns) {
            if (conn.channel() == null) {
                continue;
            }
            try {
                conn.closed.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                return;     // past the deadline: the rest close on their own
            }
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
