package io.lanchat.server.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Whole answers the API writes itself, in Ollama's shapes: {@code {"error":"..."}} bodies as gin's
 * {@code c.JSON} writes them ({@code application/json; charset=utf-8}, no trailing newline), and plain text.
 */
final class ApiReplies {
    static final String JSON = "application/json; charset=utf-8";

    private ApiReplies() {
    }

    /** {@code {"error":message}} with {@code status}. */
    static void error(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String message) {
        json(ctx, keepAlive, status, errorBody(message));
    }

    /** 503 or 429 with how many seconds to wait before trying again, as Ollama's clients and proxies expect. */
    static void retryLater(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String message,
                           long seconds) {
        FullHttpResponse response = response(keepAlive, status, JSON, errorBody(message));
        response.headers().set(HttpHeaderNames.RETRY_AFTER, Math.max(1, seconds));
        send(ctx, keepAlive, response);
    }

    static byte[] errorBody(String message) {
        return JsonNodeFactory.instance.objectNode().put("error", message).toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    static void json(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, byte[] body) {
        send(ctx, keepAlive, response(keepAlive, status, JSON, body));
    }

    static void text(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String contentType,
                     String body, boolean head) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = response(keepAlive, status, contentType, head ? new byte[0] : bytes);
        HttpUtil.setContentLength(response, bytes.length);      // HEAD: the length the GET body would have
        send(ctx, keepAlive, response);
    }

    private static FullHttpResponse response(boolean keepAlive, HttpResponseStatus status, String contentType,
                                             byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpUtil.setContentLength(response, body.length);
        HttpUtil.setKeepAlive(response, keepAlive);
        return response;
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
