package io.lanchat.server.ollama;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;

/**
 * Reads Ollama's {@code /api/pull} NDJSON progress stream. Progress lines are small and few, so this reads
 * with auto-read on; the outcome is reported exactly once.
 */
final class PullStreamHandler extends ChannelInboundHandlerAdapter implements NdjsonResponse.Receiver {
    private static final int MAX_LINE_BYTES = 64 * 1024;

    private final FullHttpRequest request;
    private final PullListener listener;
    private ChannelHandlerContext ctx;
    private NdjsonResponse response;
    private boolean finished;

    PullStreamHandler(FullHttpRequest request, PullListener listener) {
        this.request = request;
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.response = new NdjsonResponse(ctx.alloc(), MAX_LINE_BYTES, this);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(request.retain());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!finished) {
                response.read(msg);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    // NdjsonResponse.Receiver

    @Override
    public boolean line(ByteBuf line) {
        PullLine parsed;
        try {
            parsed = OllamaJson.MAPPER.readValue(ByteBufUtil.getBytes(line), PullLine.class);
        } catch (IOException e) {
            finish("Ollama sent a malformed pull progress line.");
            return false;
        }
        if (parsed.error() != null) {
            finish("Ollama could not pull the model: " + parsed.error() + ".");
            return false;
        }
        if (parsed.status() != null) {
            listener.progress(parsed.status(), parsed.completed(), parsed.total());
            if (parsed.status().equals("success")) {
                finished = true;
                listener.succeeded();
                ctx.close();
                return false;
            }
        }
        return true;
    }

    @Override
    public void ended() {
        finish("Ollama ended the pull before it was complete.");
    }

    @Override
    public void refused(int status, String errorText) {
        finish("Ollama could not pull: " + errorText + " (HTTP " + status + ").");
    }

    @Override
    public void lineTooLong() {
        finish("Ollama sent a malformed pull progress line.");
    }

    /** Reports the outcome, once, and lets the connection go. */
    private void finish(String failure) {
        if (!finished) {
            finished = true;
            listener.failed(failure);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        finish("The connection to Ollama dropped during the pull.");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        finish("The connection to Ollama failed during the pull (" + cause.getMessage() + ").");
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (response != null) {
            response.release();
        }
        if (request.refCnt() > 0) {
            request.release();
        }
    }
}
