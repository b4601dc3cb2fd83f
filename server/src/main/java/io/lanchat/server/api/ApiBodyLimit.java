package io.lanchat.server.api;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Joins a request body up to {@code --api-max-body-bytes}; a larger one is answered 413 with an
 * {@code {"error":...}} body (Netty's own answer has none) and the connection closed, before more is read.
 */
final class ApiBodyLimit extends HttpObjectAggregator {
    private final int maxBytes;

    ApiBodyLimit(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (oversized instanceof io.netty.handler.codec.http.HttpRequest request) {
            ApiReplies.dialect(ctx, new io.netty.handler.codec.http.QueryStringDecoder(request.uri()).path());
        }
        byte[] body = ApiReplies.errorBody(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "request body too large: the limit is " + maxBytes + " bytes (--api-max-body-bytes)");
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ctx.alloc().buffer(body.length).writeBytes(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, ApiReplies.JSON);
        HttpUtil.setContentLength(response, body.length);
        HttpUtil.setKeepAlive(response, false);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
