package io.lanchat.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A WebSocket server that plays a fixed list of frames to each client as soon as it connects, for shapes the real
 * server never sends: a message split into continuation frames, frame types from a newer server, broken JSON.
 * With a {@link Responder} it also answers what the client sends (see {@link FakeConversationServer}). It
 * records each upgrade request, so tests can see what the client put on the URL and in the headers.
 */
final class ScriptedServer implements AutoCloseable {
    /** Answers text frames; called on the connection's event loop, so it must not block. */
    interface Responder {
        /** A connection completed its handshake; {@code script} frames were already written. */
        default void connected(ChannelHandlerContext ctx, WebSocketServerProtocolHandler.HandshakeComplete handshake) {
        }

        void text(ChannelHandlerContext ctx, String text);
    }

    /** What a client's upgrade request carried. */
    record Handshake(String uri, String authorization) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final List<Handshake> handshakes = new CopyOnWriteArrayList<>();
    private final List<Channel> connections = new CopyOnWriteArrayList<>();

    ScriptedServer(Supplier<List<WebSocketFrame>> script) throws InterruptedException {
        this(script, false);
    }

    ScriptedServer(Supplier<List<WebSocketFrame>> script, boolean goesSilent) throws InterruptedException {
        this(script, goesSilent, null);
    }

    /**
     * @param script     builds the frames for one connection (frames are single-use, so build them per call)
     * @param goesSilent after the script, stop reading, so pings go unanswered while TCP stays up (a wedged or
     *                   vanished peer)
     */
    ScriptedServer(Supplier<List<WebSocketFrame>> script, boolean goesSilent, Responder responder)
            throws InterruptedException {
        // checkStartsWith: the client puts its owner key in the query, /ws?owner_key=...
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder().websocketPath("/ws")
                .checkStartsWith(true).maxFramePayloadLength(1 << 20).build();
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler(config), new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                                        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete done) {
                                            handshakes.add(new Handshake(done.requestUri(),
                                                    done.requestHeaders().get("Authorization")));
                                            connections.add(ctx.channel());
                                            script.get().forEach(ctx::write);
                                            ctx.flush();
                                            if (responder != null) {
                                                responder.connected(ctx, done);
                                            }
                                            if (goesSilent) {
                                                ctx.channel().config().setAutoRead(false);
                                            }
                                        }
                                        ctx.fireUserEventTriggered(event);
                                    }

                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object message) {
                                        if (responder != null && message instanceof TextWebSocketFrame text) {
                                            try {
                                                responder.text(ctx, text.text());
                                            } finally {
                                                text.release();
                                            }
                                        } else {
                                            ctx.fireChannelRead(message);
                                        }
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    String url() {
        return "ws://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort() + "/ws";
    }

    /** The upgrade requests so far, oldest first. */
    List<Handshake> handshakes() {
        return List.copyOf(handshakes);
    }

    /** Drops every open connection without a close frame, as a network failure would. */
    void dropAll() {
        connections.forEach(Channel::close);
        connections.clear();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
