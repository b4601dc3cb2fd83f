package io.lanchat.server;

import io.lanchat.server.attach.Attachments;
import com.github.benmanes.caffeine.cache.Ticker;
import io.lanchat.server.access.RateLimits;
import io.lanchat.server.api.ApiServer;
import io.lanchat.server.backend.Backend;
import io.lanchat.server.backend.BackendPool;
import io.lanchat.server.backend.GenerationScheduler;
import io.lanchat.server.chat.ChatServices;
import io.lanchat.server.chat.Shutdown;
import io.lanchat.server.metrics.ServerMetrics;
import io.lanchat.server.config.ServerConfig;
import io.lanchat.server.monitor.AvailabilityMonitor;
import io.lanchat.server.ollama.OllamaClient;
import io.lanchat.server.ollama.OllamaEndpoint;
import io.lanchat.server.session.HistoryTrimmer;
import io.lanchat.server.library.MemoryConversationStore;
import io.lanchat.server.session.SessionBudget;
import io.lanchat.server.session.SessionSaver;
import io.lanchat.server.store.ConversationStore;
import io.lanchat.server.session.SessionStore;
import io.lanchat.server.transport.ChatServerInitializer;
import io.lanchat.server.transport.ClientRegistry;
import io.lanchat.server.transport.HealthEndpoint;
import io.lanchat.server.transport.NettyIo;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: binds one port for HTTP and WebSocket, watches Ollama, and on {@link #close()} drains:
 * refuses what waits, lets what runs finish within the grace (stopping the rest with final frames), tells every
 * client it is going away (1001), and shuts the event loops down.
 */
public final class ChatServer implements AutoCloseable {
    public static final String NAME = "lanchat/0.1.0";
    private static final Logger log = LoggerFactory.getLogger(ChatServer.class);

    private final ServerConfig config;
    private final NettyIo io;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ClientRegistry clients = new ClientRegistry();
    private final BackendPool backends;
    private final GenerationScheduler scheduler;
    private final SessionStore sessions;
    /** The durable store, or null in memory-only mode. */
    private final ConversationStore durable;
    /** What the library asks: the durable store, or the memory-only one. */
    private final ConversationStore library;
    /** How long one shutdown step (closing the port, refusing the queue, stopping replies) may take. */
    private static final long STEP_WAIT_MILLIS = 2_000;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final Shutdown shutdown = new Shutdown();
    private final ServerMetrics metrics = new ServerMetrics();
    private final Channel serverChannel;
    /** The Ollama-compatible API, or null when {@code --api-port} is unset. */
    private final ApiServer api;

    private ChatServer(ServerConfig config, ConversationStore durable) throws InterruptedException {
        this.config = config;
        this.durable = durable;
        this.io = NettyIo.select(config.network().transport());
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, io.ioHandlers());
        this.workerGroup = new MultiThreadIoEventLoopGroup(io.ioHandlers());
        List<Backend> list = new ArrayList<>();
        for (URI uri : config.ollama().uris()) {
            OllamaClient client = new OllamaClient(new OllamaEndpoint(uri), io.socketChannel(),
                    config.ollama().connectTimeout(),
                    config.ollama().firstTokenTimeout(), config.ollama().tokenIdleTimeout());
            list.add(new Backend(list.size(), client, new AvailabilityMonitor(client, (EventLoop) workerGroup.next(),
                    config.ollama().probeInterval(), config.ollama().probeMaxBackoff(), config.ollama().probeTimeout(),
                    config.ollama().allowCloudModels())));
        }
        // The backends' states are combined and the queue runs on one loop: a change reaches the queue in order.
        EventLoop coordination = (EventLoop) workerGroup.next();
        this.backends = new BackendPool(coordination, list);
        this.scheduler = new GenerationScheduler(coordination, backends, config.ollama().parallel(),
                config.limits().maxQueue());
        this.sessions = new SessionStore(new SessionBudget(config.chat().maxHistoryChars(), config.chat().maxSessions(),
                config.chat().maxSessionChars(), config.chat().maxStoredMessages()), config.chat().sessionIdleExpiry(),
                Ticker.systemTicker(), ForkJoinPool.commonPool());
        this.library = durable != null ? durable : new MemoryConversationStore(sessions);
        ChatServices services = new ChatServices(sessions,
                new HistoryTrimmer(config.chat().historyBudgetChars(), config.chat().systemPrompt()), backends,
                scheduler, config.chat().defaultModel(), config.chat().maxMessageChars(), config.chat().resumeGrace(),
                shutdown, metrics, config.replies(), new SessionSaver(durable),
                Attachments.create(config.attachments()));
        HealthEndpoint health = new HealthEndpoint(NAME, backends, scheduler, sessions, clients, library::health);
        registerGauges();
        backends.addListener(clients);
        RateLimits rateLimits = new RateLimits(config.limits());     // one limit per client, page and API alike
        try {
            this.serverChannel = new ServerBootstrap()
                    .group(bossGroup, workerGroup)
                    .channel(io.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChatServerInitializer(config, services, clients, health, NAME, library,
                            rateLimits))
                    .bind(config.network().bindAddress(), config.network().port()).sync().channel();
            this.api = config.api().enabled() ? ApiServer.start(config, bossGroup, workerGroup, io.serverChannel(),
                    backends, scheduler, rateLimits, metrics) : null;
        } catch (InterruptedException | RuntimeException e) {
            bossGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workerGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
        if (config.store().retention() != null) {
            Retention.schedule(library, config.store().retention(), workerGroup.next());
        }
        backends.start();
        metrics.startSetup();
    }

    private void registerGauges() {
        metrics.gauge("lanchat.connections", "open WebSocket connections", clients::size);
        metrics.gauge("lanchat.sessions", "sessions held in memory", sessions::size);
        metrics.gauge("lanchat.sessions.live", "sessions with a connection or a reply, never evicted",
                sessions::pinnedCount);
        metrics.gauge("lanchat.sessions.weight", "characters of conversation held, against --max-history-chars",
                sessions::weight);
        metrics.gauge("lanchat.store.ok", "1 while the conversation store takes writes (also 1 without a store)",
                () -> library.health().ok() ? 1 : 0);
        metrics.gauge("lanchat.store.waiting.writes", "conversations whose newest state waits to be saved again",
                () -> library.health().waitingWrites());
        metrics.gauge("lanchat.store.failures", "conversation store operations failed since start",
                () -> library.health().failures());
        metrics.gauge("lanchat.queue.length", "replies waiting for an Ollama slot", scheduler::queueLength);
        metrics.gauge("lanchat.generations", "replies generating now", scheduler::running);
        for (Backend backend : backends.backends()) {
            metrics.gauge("lanchat.backend.up", "1 when the Ollama backend answered its last probe",
                    () -> backend.state().status().available() ? 1 : 0, "backend", backend.name());
            metrics.gauge("lanchat.backend.busy", "replies streaming from the Ollama backend",
                    () -> backend.client().openChatConnections(), "backend", backend.name());
            metrics.gauge("lanchat.backend.idle.connections", "kept-alive connections to the Ollama backend waiting"
                    + " for the next reply", () -> backend.client().idleChatConnections(), "backend", backend.name());
        }
    }

    /** The Netty transport in use ({@code epoll}, {@code io_uring} or {@code nio}). */
    public String transport() {
        return io.name();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /**
     * Binds and starts serving. Blocks only until the port is bound.
     *
     * @throws InterruptedException if interrupted while binding
     */
    public static ChatServer start(ServerConfig config) throws InterruptedException {
        ConversationStore durable = StoreOpener.open(config.store());     // may block: before any event loop
        try {
            return new ChatServer(config, durable);
        } catch (InterruptedException | RuntimeException e) {
            if (durable != null) {
                durable.close();
            }
            throw e;
        }
    }

    /** The port actually bound (useful when configured with 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The port the Ollama-compatible API is bound to; -1 when it is off. */
    public int apiPort() {
        return api == null ? -1 : api.port();
    }

    /** The Ollama backends and their combined state. */
    public BackendPool backends() {
        return backends;
    }

    public GenerationScheduler scheduler() {
        return scheduler;
    }

    /** Chat connections to Ollama open right now (one per reply in flight). */
    public int openOllamaStreams() {
        return backends.backends().stream().mapToInt(b -> b.client().openChatConnections()).sum();
    }

    /** The conversation store (memory-only mode: the one that lists what memory holds). */
    public ConversationStore store() {
        return library;
    }

    public SessionStore sessions() {
        return sessions;
    }

    public ClientRegistry clients() {
        return clients;
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * Shuts down gracefully: stops accepting connections and new chats; answers every request still waiting for a
     * slot with {@code server_shutting_down} and starts nothing more; lets the replies in flight finish within the
     * shutdown grace period; stops those still running then with a retryable {@code error server_shutting_down}; closes
     * every client with 1001 "server shutting down"; and stops the event loops. Every wait has a deadline. Blocks
     * the calling thread (never call it on an event loop).
     */
    @Override
    public void close() {
        if (draining.getAndSet(true)) {
            return;
        }
        long graceEnd = System.nanoTime() + config.network().shutdownGrace().toNanos();
        shutdown.begin();
        awaitQuietly(serverChannel.close(), STEP_WAIT_MILLIS, "closing the listening socket");
        if (api != null) {
            api.close();
        }
        awaitQuietly(scheduler.drain(), STEP_WAIT_MILLIS, "refusing the queued requests");
        // Replies still being delivered to slow readers count too: their clients get the rest and `done`.
        while ((scheduler.running() > 0 || openOllamaStreams() > 0 || shutdown.repliesInFlight() > 0)
                && System.nanoTime() < graceEnd) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (shutdown.repliesInFlight() > 0) {
            log.info("shutdown grace over: stopping {} replies in flight", shutdown.repliesInFlight());
        }
        // Also a barrier: each conversation's loop has run every refusal queued for it before the close goes out.
        long stopDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_WAIT_MILLIS);
        for (Future<?> stopped : shutdown.stopRunningReplies()) {
            awaitQuietly(stopped, remainingMillis(stopDeadline), "stopping a reply");
        }
        backends.close();
        long closeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (var closed : clients.closeAll(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "server shutting down")) {
            closed.awaitUninterruptibly(remainingMillis(closeDeadline), TimeUnit.MILLISECONDS);
        }
        library.close();        // after the replies: their last saves are queued by now (close has its own deadline)
        awaitQuietly(workerGroup.shutdownGracefully(200, 3_000, TimeUnit.MILLISECONDS), 5_000, "stopping the workers");
        awaitQuietly(bossGroup.shutdownGracefully(0, 1_000, TimeUnit.MILLISECONDS), 2_000, "stopping the acceptor");
        log.info("server stopped");
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    /** Waits for one shutdown step, but no longer than {@code millis}; a step that overruns is logged and skipped. */
    private static void awaitQuietly(Future<?> step, long millis, String what) {
        if (!step.awaitUninterruptibly(millis, TimeUnit.MILLISECONDS)) {
            log.warn("shutdown: gave up {} after {} ms", what, millis);
        }
    }
}
