package io.lanchat.server.transport;

import io.lanchat.server.access.ConnectionCounter;
import io.lanchat.server.access.RateLimits;
import io.lanchat.server.access.ServerNames;
import io.lanchat.server.access.UpgradeGate;
import io.lanchat.server.attach.Attachment;
import io.lanchat.server.attach.AttachmentHandler;
import io.lanchat.server.attach.AttachmentSource;
import io.lanchat.server.attach.Attachments;
import io.lanchat.server.page.StaticAssets;
import io.lanchat.server.backend.ModelPuller;
import io.lanchat.server.chat.ChatServices;
import io.lanchat.server.chat.Conversations;
import io.lanchat.server.library.ConversationLibrary;
import io.lanchat.server.room.RoomMembers;
import io.lanchat.server.share.ShareService;
import io.lanchat.server.store.ConversationStore;
import io.lanchat.server.config.ServerConfig;
import java.time.Duration;
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

    private final Conversations conversations;
    private final ModelPuller puller;
    private final ClientRegistry clients;
    private final HealthEndpoint health;
    private final ConversationLibrary library;
    private final ShareService shares;
    private final RoomMembers roomMembers = new RoomMembers();
    private final StaticAssets assets = StaticAssets.load();     // read once, here, off the event loops
    private final WebSocketServerProtocolConfig websocketConfig;
    private final int maxFrameBytes;
    private final String serverName;
    private final JsonFrameCodec codec = new JsonFrameCodec();
    private final FrameGuard guard = new FrameGuard();
    private final PauseReadingWhileUnwritable pauseReading = new PauseReadingWhileUnwritable();
    private final ConnectionCounter connections = new ConnectionCounter();
    private final UpgradeGate gate;
    private final RateLimits rateLimits;
    private final int requestsPerMinute;
    private final Duration pingInterval;
    private final Duration requestTimeout;
    private final Attachments attachments;
    private final AttachmentSource storedAttachments;

    public ChatServerInitializer(ServerConfig config, ChatServices services, ClientRegistry clients,
                                 HealthEndpoint health, String serverName, ConversationStore store,
                                 RateLimits rateLimits) {
        this.conversations = new Conversations(services);
        this.library = new ConversationLibrary(services, conversations, store);
        this.shares = new ShareService(conversations, store, ShareService.storeFor(store));
        this.puller = new ModelPuller(services.backends());
        this.clients = clients;
        this.health = health;
        this.maxFrameBytes = config.limits().maxFrameBytes();
        this.serverName = serverName;
        this.gate = new UpgradeGate(config.access(), config.limits(), connections,
                ServerNames.forThisMachine(config.access().allowedHosts()));
        this.requestTimeout = config.network().requestTimeout();
        this.attachments = services.attachments();
        this.storedAttachments = (owner, id) -> store.loadAttachment(owner, id)
                .thenApply(found -> found.map(Attachment::of));
        this.rateLimits = rateLimits;       // shared with the HTTP API: one limit per client identity
        this.requestsPerMinute = config.limits().requestsPerMinutePerConnection();
        this.pingInterval = config.network().pingInterval();
        this.websocketConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(WEBSOCKET_PATH)
                .checkStartsWith(true)                 // /ws?access_token=... too
                .maxFramePayloadLength(maxFrameBytes)
                .allowExtensions(false)
                .handshakeTimeoutMillis(10_000)
                .withUTF8Validator(true)
                .dropPongFrames(true)
                // Every close frame is sent explicitly, with the code that says why. Netty's default would add a
                // 1000 to any close, even after its own decoder sent 1002/1007/1009: two close frames (RFC 6455
                // allows one).
                .sendCloseFrame(null)
                .build();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(connections);
        p.addLast(pauseReading);                                           // no reading while answers back up
        p.addLast(new HttpServerCodec());
        // /attachments bodies are far larger than other requests: joined (and bounded) by their own handler
        p.addLast(new AttachmentHandler(gate, attachments.processor(), attachments.store(), attachments.settings(),
                RequestDeadline.NAME, storedAttachments));
        p.addLast(new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES));
        p.addLast(RequestDeadline.NAME, new RequestDeadline(requestTimeout));   // silent and idle sockets go
        // limits, origin, token; /healthz, /metrics, the page
        p.addLast(new HttpRequestHandler(WEBSOCKET_PATH, health, conversations.services().metrics(), assets, gate));
        p.addLast(new WebSocketServerProtocolHandler(websocketConfig));   // handshake, ping/pong, close, 1007/1009
        p.addLast(new WebSocketFrameAggregator(maxFrameBytes));          // joins fragmented messages
        p.addLast(guard);                                                  // binary -> 1003, too long -> 1009
        p.addLast(codec);
        p.addLast(new RequestAllowance(requestsPerMinute));               // answers per minute, then 1008
        p.addLast(new RoomMemberHandler(shares, conversations, library, roomMembers, pingInterval,
                rateLimits));                                                 // a /ws?room= member, else leaves
        p.addLast(new ShareViewerHandler(shares, conversations, pingInterval));  // a /ws?share= viewer, else leaves
        p.addLast(ShareViewerHandler.CHAT_HANDLER, new ChatHandler(conversations, clients, serverName, rateLimits,
                pingInterval, puller, library, shares));
    }
}
