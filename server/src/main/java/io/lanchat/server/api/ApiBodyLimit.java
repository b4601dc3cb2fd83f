package io.lanchat.server.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Joins a request body up to {@code --api-max-body-bytes}; a larger one is answered 413 with an
 * {@code {"error":...}} body (Netty's own answer has none) and the connection closed once the rest of the body has
 * been read and dropped, or after {@link #DRAIN_SECONDS} at most. Closing with the body still arriving would make
 * the kernel reset the connection, and the client might then never read the 413.
 */
final class ApiBodyLimit extends HttpObjectAggregator {
    static final long DRAIN_SECONDS = 5;

    private final int maxBytes;
    private boolean refused;

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
        refused = true;
        ctx.writeAndFlush(response);
        ctx.executor().schedule(() -> ctx.close(), DRAIN_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!refused) {
            super.channelRead(ctx, msg);
        } else if (msg instanceof HttpContent) {
            boolean last = msg instanceof LastHttpContent;
            super.channelRead(ctx, msg);          // the aggregator drops the refused body's parts
            if (last) {
                ctx.close();
            }
        } else {
            ReferenceCountUtil.release(msg);      // a request sent after the refused one on this connection: not served
        }
    }
}
