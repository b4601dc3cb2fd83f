package io.lanchat.server.transport;

import io.lanchat.server.access.UpgradeGate;
import io.lanchat.server.page.StaticAssets;
import io.lanchat.server.metrics.ServerMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Plain HTTP on the shared port: {@code /healthz}, the browser page and its assets. Requests for the WebSocket
 * path go on to the WebSocket handshake.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final String websocketPath;
    private final HealthEndpoint health;
    private final ServerMetrics metrics;
    private final StaticAssets assets;
    private final UpgradeGate gate;

    HttpRequestHandler(String websocketPath, HealthEndpoint health, ServerMetrics metrics, StaticAssets assets,
                       UpgradeGate gate) {
        super(false);
        this.websocketPath = websocketPath;
        this.health = health;
        this.metrics = metrics;
        this.assets = assets;
        this.gate = gate;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = decodedPath(request.uri());
        if (websocketPath.equals(path)) {
            UpgradeGate.Refusal refusal = gate.check(ctx, request);
            if (refusal == null) {
                ctx.fireChannelRead(request);      // the handshake handler takes it from here
                return;
            }
            try {
                FullHttpResponse response = text(refusal.status(), refusal.message() + "\n");
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                HttpUtil.setContentLength(response, response.content().readableBytes());
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            } finally {
                request.release();
            }
            return;
        }
        try {
            if (path == null || !request.decoderResult().isSuccess()) {
                respond(ctx, request, text(HttpResponseStatus.BAD_REQUEST, "Bad request\n"));
            } else if (path.equals("/healthz")) {
                respond(ctx, request, json(health.body()));
            } else if (path.equals("/metrics")) {
                String scraped = metrics.scrapeIfReady();
                FullHttpResponse response;
                if (scraped == null) {
                    response = text(HttpResponseStatus.SERVICE_UNAVAILABLE, "Metrics are still starting; try again"
                            + " in a second.\n");
                    response.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
                } else {
                    response = text(HttpResponseStatus.OK, scraped);
                    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                }
                respond(ctx, request, response);
            } else if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
                FullHttpResponse response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method not allowed\n");
                response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
                respond(ctx, request, response);
            } else {
                // A share link's page (/s/TOKEN) and a room's invite (/r/TOKEN) are the page itself, which sees
                // the path and shows the link read-only or joins the room.
                boolean link = path.startsWith("/s/") || path.startsWith("/r/");
                respond(ctx, request, assets.serve(request, link ? "/" : path));
            }
        } finally {
            request.release();
        }
    }

    /** The percent-decoded path, or null when the request target has a malformed escape such as {@code %zz}. */
    private static String decodedPath(String uri) {
        try {
            return new QueryStringDecoder(uri).path();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static FullHttpResponse json(byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(request11(), HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }

    static FullHttpResponse text(HttpResponseStatus status, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(request11(), status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return response;
    }

    private static io.netty.handler.codec.http.HttpVersion request11() {
        return io.netty.handler.codec.http.HttpVersion.HTTP_1_1;
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!response.status().equals(HttpResponseStatus.NOT_MODIFIED)) {      // a 304 has no body to measure
            HttpUtil.setContentLength(response, response.content().readableBytes());
        }
        if (request.method().equals(HttpMethod.HEAD)) {
            response.content().clear();
        }
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        var write = ctx.writeAndFlush(response);
        if (!keepAlive) {
            write.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
