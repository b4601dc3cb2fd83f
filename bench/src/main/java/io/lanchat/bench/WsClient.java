package io.lanchat.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Opens many WebSocket connections to the server on loopback, a bounded number at a time, each done when the
 * server's {@code hello} arrived. Uses Netty's {@link WebSocketClientProtocolHandler} (handshake, answers the
 * server's pings, close frames).
 */
final class WsClient implements AutoCloseable {
    private final EventLoopGroup group;
    private final URI uri;
    private final List<InetAddress> sourceAddresses;
    private final boolean strict;
    final AtomicInteger connectFailures = new AtomicInteger();
    private volatile String lastFailure;

    WsClient(int threads, String host, int port, List<InetAddress> sourceAddresses, boolean strict) {
        Loopback.require(host);
        sourceAddresses.forEach(a -> Loopback.require(a.getHostAddress()));
        this.group = new MultiThreadIoEventLoopGroup(threads, BenchIo.handlers());
        this.uri = URI.create("ws://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/ws");
        this.sourceAddresses = sourceAddresses;
        this.strict = strict;
    }

    String lastFailure() {
        return lastFailure;
    }

    /**
     * Opens {@code count} connections, at most {@code parallel} handshakes at a time, giving up on the whole
     * after {@code timeoutMillis}. Returns the connections that got their hello, in order of index.
     */
    List<WsConn> connect(int count, int parallel, long timeoutMillis) throws InterruptedException {
        return open(count, parallel, timeoutMillis, i -> new WsConn(i, strict), i -> uri);
    }

    /** A connection's handler: in once {@link #ready()} completes (its first frame came), closed on failure. */
    interface Endpoint extends ChannelHandler {
        int index();

        CompletableFuture<?> ready();

        CompletableFuture<Void> closed();

        Channel channel();
    }

    /**
     * Opens {@code count} connections to the addresses {@code where} gives (this server's, by index), with the
     * handlers {@code make} gives; at most {@code parallel} handshakes at a time, giving up on the whole after
     * {@code timeoutMillis}. Returns the connections that became ready, in order of index.
     */
    <T extends Endpoint> List<T> open(int count, int parallel, long timeoutMillis, IntFunction<T> make,
                                      IntFunction<URI> where) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Semaphore permits = new Semaphore(parallel);
        List<T> ok = Collections.synchronizedList(new ArrayList<>(count));
        AtomicInteger settled = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                connectFailures.addAndGet(count - i);
                lastFailure = "timed out opening connections";
                break;
            }
            T conn = make.apply(i);
            open(conn, where.apply(i), i);
            conn.ready().whenComplete((ready, error) -> {
                if (error == null) {
                    ok.add(conn);
                } else {
                    connectFailures.incrementAndGet();
                    lastFailure = String.valueOf(error);
                    if (conn.channel() != null) {
                        conn.channel().close();
                    }
                }
                settled.incrementAndGet();
                permits.release();
            });
        }
        // Wait for the ones still in flight.
        long left = deadline - System.nanoTime();
        if (left > 0) {
            permits.tryAcquire(parallel, left, TimeUnit.NANOSECONDS);
        }
        List<T> result = new ArrayList<>(ok);
        result.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return result;
    }

    /** This server's address with {@code pathAndQuery} (e.g. {@code /ws?room=...}) instead of {@code /ws}. */
    URI at(String pathAndQuery) {
        return uri.resolve(pathAndQuery);
    }

    private void open(Endpoint conn, URI target, int i) {
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(target)
                .version(WebSocketVersion.V13)
                .maxFramePayloadLength(1 << 20)
                .handshakeTimeoutMillis(60_000)
                .generateOriginHeader(false)
                .dropPongFrames(true)
                .withUTF8Validator(false)      // the generator's own cost stays out of the measurement
                .build();
        Bootstrap bootstrap = new Bootstrap()
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
                });
        InetSocketAddress remote = new InetSocketAddress(uri.getHost().replace("[", "").replace("]", ""), uri.getPort());
        var connect = sourceAddresses.isEmpty() ? bootstrap.connect(remote)
                : bootstrap.connect(remote, new InetSocketAddress(sourceAddresses.get(i % sourceAddresses.size()), 0));
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                conn.ready().completeExceptionally(f.cause());
            }
        });
    }

    /** Closes every connection (the TCP connection; the server sees it go) and waits up to {@code millis}. */
    static void closeAll(List<? extends Endpoint> conns, long millis) {
        for (Endpoint conn : conns) {
            conn.channel().close();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (Endpoint conn : conns) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                conn.closed().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // counted by the caller if it matters
            }
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
