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
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A WebSocket server that plays a fixed list of frames to each client as soon as it connects, for shapes the real
 * server never sends: a message split into continuation frames, frame types from a newer server, broken JSON.
 */
final class ScriptedServer implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;

    ScriptedServer(Supplier<List<WebSocketFrame>> script) throws InterruptedException {
        this(script, false);
    }

    /**
     * @param script     builds the frames for one connection (frames are single-use, so build them per call)
     * @param goesSilent after the script, stop reading, so pings go unanswered while TCP stays up (a wedged or
     *                   vanished peer)
     */
    ScriptedServer(Supplier<List<WebSocketFrame>> script, boolean goesSilent) throws InterruptedException {
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler("/ws"), new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                                        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                                            script.get().forEach(ctx::write);
                                            ctx.flush();
                                            if (goesSilent) {
                                                ctx.channel().config().setAutoRead(false);
                                            }
                                        }
                                        ctx.fireUserEventTriggered(event);
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    String url() {
        return "ws://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort() + "/ws";
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
