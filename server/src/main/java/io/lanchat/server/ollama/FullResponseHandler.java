package io.lanchat.server.ollama;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** Sends one request and completes a future with the aggregated response. */
final class FullResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final FullHttpRequest request;
    private final CompletableFuture<HttpReply> result;

    FullResponseHandler(FullHttpRequest request, CompletableFuture<HttpReply> result) {
        this.request = request;
        this.result = result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(request.retain());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        result.complete(new HttpReply(response.status().code(), response.content().toString(StandardCharsets.UTF_8)));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        result.completeExceptionally(new IOException("Ollama closed the connection without an answer"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.completeExceptionally(cause);
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (request.refCnt() > 0) {
            request.release();
        }
    }
}
