package io.lanchat.server.ollama;

import io.lanchat.protocol.ModelInfo;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * Talks to one Ollama over HTTP/1.1 with Netty, on event loops the caller supplies: no threads of its own and
 * nothing that blocks. Each chat stream has a connection to itself, so cancelling a reply is closing it; a
 * connection whose reply ended cleanly is kept alive for the next reply on the same event loop.
 *
 * <p>Thread-safe; the streams it opens are confined to their event loop.
 */
public final class OllamaClient {
    private static final int MAX_SMALL_RESPONSE_BYTES = 4 * 1024 * 1024;

    private final OllamaEndpoint endpoint;
    private final Class<? extends SocketChannel> channelType;
    private final Duration connectTimeout;
    private final Duration firstTokenTimeout;
    private final Duration tokenIdleTimeout;
    private final SslContext ssl;
    private final AtomicInteger busyConnections = new AtomicInteger();
    private final IdleConnections idleConnections = new IdleConnections();

    /**
     * @param channelType the socket channel class matching the event loops' transport (epoll, io_uring or NIO)
     */
    public OllamaClient(OllamaEndpoint endpoint, Class<? extends SocketChannel> channelType, Duration connectTimeout,
                        Duration firstTokenTimeout, Duration tokenIdleTimeout) {
        this.endpoint = endpoint;
        this.channelType = channelType;
        this.connectTimeout = connectTimeout;
        this.firstTokenTimeout = firstTokenTimeout;
        this.tokenIdleTimeout = tokenIdleTimeout;
        this.ssl = endpoint.isHttps() ? clientSsl() : null;
    }

    public OllamaEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Starts streaming a chat reply, read at Ollama's speed. Must be called on {@code loop}, which also runs every
     * listener callback.
     */
    public ChatStream streamChat(EventLoop loop, String model, List<OllamaMessage> messages,
                                 Map<String, Object> options, StreamListener listener) {
        return streamChat(loop, OllamaChatRequest.streaming(model, messages, options), listener);
    }

    /** As {@link #streamChat(EventLoop, String, List, Map, StreamListener)}, for a request built whole. */
    public ChatStream streamChat(EventLoop loop, OllamaChatRequest request, StreamListener listener) {
        String model = request.model();
        byte[] body = OllamaJson.write(request);
        ChatExchange exchange = new ChatExchange(this, loop,
                new ChatCall(endpoint, model, body, firstTokenTimeout, tokenIdleTimeout), listener);
        exchange.start();
        return exchange;
    }

    /**
     * Relays one request to Ollama and hands its response to {@code listener} as it comes, bytes untouched (the
     * HTTP API's path: Ollama's own wire format goes back to the client as Ollama wrote it). Uses the chat replies'
     * timeouts and kept-alive connections. Must be called on {@code loop}, which also runs every callback.
     */
    public Relay relay(EventLoop loop, HttpMethod method, String apiPath, byte[] body, RelayListener listener) {
        RelayExchange exchange = new RelayExchange(this, loop,
                new RelayCall(endpoint, method, apiPath, body, firstTokenTimeout, tokenIdleTimeout), listener);
        exchange.start();
        return exchange;
    }

    /**
     * Connections to Ollama carrying a chat reply now (or connecting for one). A reply's connection stops counting
     * when it is closed (cancel, failure) or, after a clean end, handed back to the idle ones.
     */
    public int openChatConnections() {
        return busyConnections.get();
    }

    /** Kept-alive connections waiting for the next reply. */
    public int idleChatConnections() {
        return idleConnections.size();
    }

    IdleConnections idleConnections() {
        return idleConnections;
    }

    AtomicInteger busyConnections() {
        return busyConnections;
    }

    /**
     * Pulls a model ({@code POST /api/pull}, streaming), reporting progress to {@code listener} on {@code loop}.
     */
    public void pull(EventLoop loop, String model, PullListener listener) {
        byte[] body = OllamaJson.write(java.util.Map.of("model", model, "stream", true));
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                endpoint.path("/api/pull"), Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.HOST, endpoint.hostHeader())
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        bootstrap(loop, new PullStreamHandler(request, listener), false, true)
                .connect(endpoint.host(), endpoint.port())
                .addListener(f -> {
                    if (!f.isSuccess()) {         // the handler releases the request when the channel is torn down
                        listener.failed(Failures.unreachable(endpoint, f.cause()));
                    }
                });
    }

    /** GETs a small JSON resource such as {@code /api/tags}; completes on {@code loop}. */
    public CompletableFuture<HttpReply> get(EventLoop loop, String apiPath, Duration timeout) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                endpoint.path(apiPath), Unpooled.EMPTY_BUFFER);
        return exchange(loop, request, timeout);
    }

    /** POSTs a small JSON body, such as {@code /api/show}'s, and reads a small JSON answer; completes on {@code loop}. */
    public CompletableFuture<HttpReply> post(EventLoop loop, String apiPath, byte[] json, Duration timeout) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                endpoint.path(apiPath), Unpooled.wrappedBuffer(json));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, json.length);
        return exchange(loop, request, timeout);
    }

    /** Asks {@code POST /api/show} about one model; completes on {@code loop}. */
    public CompletableFuture<HttpReply> show(EventLoop loop, String model, Duration timeout) {
        return post(loop, "/api/show", OllamaJson.write(Map.of("model", model)), timeout);
    }

    private CompletableFuture<HttpReply> exchange(EventLoop loop, FullHttpRequest request, Duration timeout) {
        CompletableFuture<HttpReply> result = new CompletableFuture<>();
        request.headers().set(HttpHeaderNames.HOST, endpoint.hostHeader())
                .set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ChannelFuture connect = bootstrap(loop, new FullResponseHandler(request, result), true, true)
                .connect(endpoint.host(), endpoint.port());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
            }
        });
        var timer = loop.schedule(() -> {
            if (result.completeExceptionally(new TimeoutException("no answer within " + Failures.seconds(timeout)))) {
                connect.channel().close();
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((reply, error) -> timer.cancel(false));
        return result;
    }

    /** The installed models in an {@code /api/tags} body, with what the entries say of their capabilities. */
    public static List<ModelInfo> parseTags(String body) throws IOException {
        return InstalledModel.parseTags(body).stream().map(InstalledModel::info).toList();
    }

    /** The normalized names of the models in an {@code /api/ps} body (the ones loaded in memory). */
    public static java.util.Set<String> parseLoaded(String body) {
        try {
            OllamaTags ps = OllamaJson.TAGS_READER.readValue(body);
            if (ps.models() == null) {
                return java.util.Set.of();
            }
            return ps.models().stream()
                    .map(m -> m.name() != null ? m.name() : m.model())
                    .filter(java.util.Objects::nonNull)
                    .map(ModelNames::normalize)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            return java.util.Set.of();
        }
    }

    Bootstrap bootstrap(EventLoop loop, ChannelHandler last, boolean aggregate, boolean autoRead) {
        return new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, autoRead)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), endpoint.host(), endpoint.port()));
                        }
                        ch.pipeline().addLast(new HttpClientCodec());
                        if (aggregate) {
                            ch.pipeline().addLast(new HttpObjectAggregator(MAX_SMALL_RESPONSE_BYTES));
                        }
                        ch.pipeline().addLast(last);
                    }
                });
    }

    private static SslContext clientSsl() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for Ollama", e);
        }
    }
}
