package io.lanchat.server.transport;

import io.lanchat.server.chat.ChatServices;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/** The pipeline of every accepted connection, one concern per handler. */
public final class ChatServerInitializer extends ChannelInitializer<SocketChannel> {
    public static final String WEBSOCKET_PATH = "/ws";
    private static final int MAX_HTTP_REQUEST_BYTES = 64 * 1024;

    private final ChatServices services;
    private final ClientRegistry clients;
    private final HealthEndpoint health;
    private final StaticAssets assets = StaticAssets.load();     // read once, here, off the event loops
    private final WebSocketServerProtocolConfig websocketConfig;
    private final int maxFrameBytes;
    private final String serverName;
    private final JsonFrameCodec codec = new JsonFrameCodec();
    private final FrameGuard guard = new FrameGuard();

    public ChatServerInitializer(ChatServices services, ClientRegistry clients, HealthEndpoint health,
                                 int maxFrameBytes, String serverName) {
        this.services = services;
        this.clients = clients;
        this.health = health;
        this.maxFrameBytes = maxFrameBytes;
        this.serverName = serverName;
        this.websocketConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(WEBSOCKET_PATH)
                .maxFramePayloadLength(maxFrameBytes)
                .allowExtensions(false)
                .handshakeTimeoutMillis(10_000)
                .withUTF8Validator(true)
                .dropPongFrames(true)
                .build();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(new HttpServerCodec());
        p.addLast(new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES));
        p.addLast(new HttpRequestHandler(WEBSOCKET_PATH, health, assets));
        p.addLast(new WebSocketServerProtocolHandler(websocketConfig));   // handshake, ping/pong, close, 1007/1009
        p.addLast(new WebSocketFrameAggregator(maxFrameBytes));          // joins fragmented messages
        p.addLast(guard);                                                  // binary -> 1003, too long -> 1009
        p.addLast(codec);
        p.addLast(new ChatHandler(services, clients, serverName));
    }
}
