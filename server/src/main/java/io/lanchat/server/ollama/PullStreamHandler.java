package io.lanchat.server.ollama;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads Ollama's {@code /api/pull} NDJSON progress stream. Progress lines are small and few, so this reads
 * with auto-read on; the outcome is reported exactly once.
 */
final class PullStreamHandler extends ChannelInboundHandlerAdapter {
    private static final int MAX_LINE_BYTES = 64 * 1024;

    private final FullHttpRequest request;
    private final PullListener listener;
    private NdjsonSplitter splitter;
    private ByteBuf errorBody;
    private int status;
    private boolean finished;

    PullStreamHandler(FullHttpRequest request, PullListener listener) {
        this.request = request;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(request.retain());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (finished) {
                return;
            }
            if (msg instanceof HttpResponse response) {
                status = response.status().code();
                if (status == 200) {
                    splitter = new NdjsonSplitter(ctx.alloc(), MAX_LINE_BYTES);
                } else {
                    errorBody = ctx.alloc().buffer(256);
                }
            }
            if (msg instanceof HttpContent content) {
                if (splitter != null) {
                    splitter.feed(content.content(), this::onLine);
                } else if (errorBody != null && errorBody.readableBytes() < 16 * 1024) {
                    errorBody.writeBytes(content.content());
                }
                if (msg instanceof LastHttpContent && !finished) {
                    if (splitter != null) {
                        splitter.finish(this::onLine);
                        finish(ctx, "Ollama ended the pull before it was complete.");
                    } else {
                        finish(ctx, "Ollama could not pull: " + OllamaJson.errorText(
                                errorBody.toString(StandardCharsets.UTF_8)) + " (HTTP " + status + ").");
                    }
                }
            }
        } catch (NdjsonSplitter.LineTooLongException e) {
            finish(ctx, "Ollama sent a malformed pull progress line.");
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private boolean onLine(ByteBuf line) {
        PullLine parsed;
        try {
            parsed = OllamaJson.MAPPER.readValue(ByteBufUtil.getBytes(line), PullLine.class);
        } catch (IOException e) {
            finished = true;
            listener.failed("Ollama sent a malformed pull progress line.");
            return false;
        }
        if (parsed.error() != null) {
            finished = true;
            listener.failed("Ollama could not pull the model: " + parsed.error() + ".");
            return false;
        }
        if (parsed.status() != null) {
            listener.progress(parsed.status(), parsed.completed(), parsed.total());
            if (parsed.status().equals("success")) {
                finished = true;
                listener.succeeded();
                return false;
            }
        }
        return true;
    }

    private void finish(ChannelHandlerContext ctx, String failure) {
        if (!finished) {
            finished = true;
            listener.failed(failure);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        finish(ctx, "The connection to Ollama dropped during the pull.");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        finish(ctx, "The connection to Ollama failed during the pull (" + cause.getMessage() + ").");
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (splitter != null) {
            splitter.release();
        }
        if (errorBody != null) {
            errorBody.release();
        }
        if (request.refCnt() > 0) {
            request.release();
        }
    }
}
