package io.lanchat.server.api;

import io.lanchat.server.access.ClientIdentity;
import io.lanchat.server.api.ApiRoutes.Kind;
import io.lanchat.server.api.ApiRoutes.Route;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * One API connection: checks each request (HTTP validity, route, method, token, rate limit) and hands it to what
 * serves its route. One request at a time, as HTTP/1.1 clients send them; a client that pipelines a second
 * request before the first is answered is closed. When the client goes away, whatever runs for it stops.
 * Per channel; runs on its event loop.
 */
final class ApiRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String RUNNING = "Ollama is running";

    private final ApiServices services;
    private final ApiAccess access;
    private final ModelListings listings;
    private final DirectRelays direct;
    private final UsageEndpoint usage;
    private InFlight inFlight;
    private boolean busy;

    ApiRequestHandler(ApiServices services, ApiAccess access, ModelListings listings, DirectRelays direct,
                      UsageEndpoint usage) {
        this.services = services;
        this.access = access;
        this.listings = listings;
        this.direct = direct;
        this.usage = usage;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (busy) {
            ctx.close();                    // pipelined: not supported, and never answered out of order
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            ApiReplies.error(ctx, false, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        ApiReplies.dialect(ctx, path);
        Route route = ApiRoutes.find(path);
        if (route == null) {
            ApiReplies.text(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "text/plain", "404 page not found", false);
            return;
        }
        if (!route.methods().contains(request.method())) {
            ApiReplies.text(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain",
                    "405 method not allowed", false);
            return;
        }
        if (route.kind() == Kind.ROOT) {
            ApiReplies.text(ctx, keepAlive, HttpResponseStatus.OK, "text/plain; charset=utf-8", RUNNING,
                    request.method().equals(HttpMethod.HEAD));
            return;
        }
        ClientIdentity identity = access.identify(request, ctx.channel().remoteAddress());
        if (identity == null) {
            unauthorized(ctx, keepAlive);
            return;
        }
        busy = true;
        ApiCall call = new ApiCall(ctx, request.method(), path, ByteBufUtil.getBytes(request.content()), keepAlive,
                identity, this::answered);
        serve(route.kind(), call);
    }

    private void serve(Kind kind, ApiCall call) {
        switch (kind) {
            case LISTING -> listings.answer(call, call.path());
            case QUERY -> inFlight = direct.query(call);
            case MANAGEMENT -> {
                if (!call.identity().admin()) {
                    ApiReplies.error(call.ctx(), call.keepAlive(), HttpResponseStatus.FORBIDDEN, "forbidden: "
                            + call.path() + " changes the models of this server's Ollama backends; it needs an"
                            + (services.access().requiresToken() ? " admin token" : " administrator (--allow-pull)"));
                    answered();
                } else {
                    inFlight = direct.management(call);
                }
            }
            case GENERATION -> generate(call);
            case USAGE -> usage.answer(call);
            default -> throw new IllegalStateException("unrouted kind " + kind);
        }
    }

    private void generate(ApiCall call) {
        RequestModel.Result model = RequestModel.read(call.body(),
                call.path().equals("/api/chat") || call.path().equals("/v1/chat/completions"));
        if (!model.ok()) {
            ApiReplies.error(call.ctx(), call.keepAlive(), model.status(), model.error());
            answered();
            return;
        }
        long wait = services.rateLimits().tryTake(call.identity());
        if (wait > 0) {
            ApiReplies.retryLater(call.ctx(), call.keepAlive(), HttpResponseStatus.TOO_MANY_REQUESTS,
                    "rate limit exceeded: too many requests from you; try again in " + wait + " s", wait);
            answered();
            return;
        }
        GenerationRelay relay = new GenerationRelay(call, services, model.model());
        inFlight = relay;
        relay.start();
    }

    private static void unauthorized(ChannelHandlerContext ctx, boolean keepAlive) {
        ApiReplies.unauthorized(ctx, keepAlive, "unauthorized: this server needs an access token, sent as the"
                + " header 'Authorization: Bearer TOKEN'");
    }

    /** The answer is complete (or abandoned): the connection may carry the next request. */
    private void answered() {
        busy = false;
        inFlight = null;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && inFlight != null) {
            inFlight.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (inFlight != null) {
            inFlight.clientGone();
            inFlight = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && !busy) {
            ctx.close();                    // a kept-alive connection nobody uses, or a request that never ends
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
