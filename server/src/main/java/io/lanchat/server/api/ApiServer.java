package io.lanchat.server.api;

import io.lanchat.server.access.RateLimits;
import io.lanchat.server.backend.BackendPool;
import io.lanchat.server.backend.GenerationScheduler;
import io.lanchat.server.config.ServerConfig;
import io.lanchat.server.metrics.ServerMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ollama-compatible API's listening socket, on the chat server's event loops. Started only when
 * {@code --api-port} is set.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    /** Ollama is read at its own pace until this much waits unsent to a client; then reading pauses. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final Channel channel;

    private ApiServer(Channel channel) {
        this.channel = channel;
    }

    /**
     * Binds the API's port. Blocks only until it is bound.
     *
     * @throws InterruptedException if interrupted while binding
     */
    public static ApiServer start(ServerConfig config, EventLoopGroup boss, EventLoopGroup workers,
                                  Class<? extends ServerChannel> channelType, BackendPool backends,
                                  GenerationScheduler scheduler, RateLimits rateLimits, ServerMetrics metrics)
            throws InterruptedException {
        ApiServices services = new ApiServices(backends, scheduler, rateLimits, config.api(), config.access(),
                metrics.usage());
        ApiAccess access = new ApiAccess(config.access());
        ModelListings listings = new ModelListings(backends);
        DirectRelays direct = new DirectRelays(backends);
        UsageEndpoint usage = new UsageEndpoint(metrics.usage().ledger(), config.access().requiresToken());
        long idleSeconds = Math.max(1, config.network().requestTimeout().toSeconds());
        ChannelFuture bound = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec());
                        ch.pipeline().addLast(new IdleStateHandler(0, 0, idleSeconds, TimeUnit.SECONDS));
                        ch.pipeline().addLast(new ApiBodyLimit(config.api().maxBodyBytes()));
                        ch.pipeline().addLast(new ApiRequestHandler(services, access, listings, direct, usage));
                    }
                })
                .bind(config.network().bindAddress(), config.api().port()).sync();
        ApiServer server = new ApiServer(bound.channel());
        if (config.access().requiresToken()) {
            log.info("Ollama API on port {}: every request needs an access token (Authorization: Bearer)",
                    server.port());
        } else {
            log.warn("Ollama API on port {} is OPEN to anyone who can reach the port: no --access-tokens are set,"
                    + " so anyone on the network may generate with your GPUs (as with Ollama itself)", server.port());
        }
        return server;
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting API connections; answers under way go on until the event loops stop. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
