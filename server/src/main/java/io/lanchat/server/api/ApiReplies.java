package io.lanchat.server.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.util.AttributeKey;
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
 * Whole answers the API writes itself: {@code {"error":"..."}} bodies as Ollama's gin {@code c.JSON} writes them
 * ({@code application/json; charset=utf-8}, no trailing newline), or, on OpenAI's paths ({@code /v1/...}),
 * {@code {"error":{"message","type","param","code"}}} as Ollama's OpenAI layer answers; and plain text. Which
 * shape a connection's current request gets is set once per request with {@link #dialect}.
 */
final class ApiReplies {
    static final String JSON = "application/json; charset=utf-8";
    private static final AttributeKey<Boolean> OPENAI = AttributeKey.valueOf("lanchat.api.openai");

    private ApiReplies() {
    }

    /** Errors for the request now on this connection take OpenAI's shape when its path is one of OpenAI's. */
    static void dialect(ChannelHandlerContext ctx, String path) {
        ctx.channel().attr(OPENAI).set(path.startsWith("/v1/"));
    }

    /** {@code {"error":message}} (or OpenAI's error object) with {@code status}. */
    static void error(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String message) {
        json(ctx, keepAlive, status, errorBody(ctx, status, message));
    }

    /** The error body in the shape the connection's current request expects. */
    /** 401 with {@code WWW-Authenticate: Bearer}, the scheme the API takes. */
    static void unauthorized(ChannelHandlerContext ctx, boolean keepAlive, String message) {
        HttpResponseStatus status = HttpResponseStatus.UNAUTHORIZED;
        FullHttpResponse response = response(keepAlive, status, JSON, errorBody(ctx, status, message));
        response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        send(ctx, keepAlive, response);
    }

    static byte[] errorBody(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
        if (!Boolean.TRUE.equals(ctx.channel().attr(OPENAI).get())) {
            return errorBody(message);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", switch (status.code()) {
            case 400, 401, 413 -> "invalid_request_error";
            case 404 -> "not_found_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> "api_error";
        });
        error.putNull("param");
        if (status.code() == 401) {
            error.put("code", "invalid_api_key");
        } else {
            error.putNull("code");
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** 503 or 429 with how many seconds to wait before trying again, as Ollama's clients and proxies expect. */
    static void retryLater(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String message,
                           long seconds) {
        FullHttpResponse response = response(keepAlive, status, JSON, errorBody(ctx, status, message));
        response.headers().set(HttpHeaderNames.RETRY_AFTER, Math.max(1, seconds));
        send(ctx, keepAlive, response);
    }

    /** Ollama's {@code {"error":message}}. */
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
