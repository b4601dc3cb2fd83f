package io.lanchat.server.ollama;

import io.lanchat.protocol.ReplyStats;
import io.lanchat.server.ollama.OllamaFailure.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one {@code /api/chat} request and reads its streamed response at Ollama's speed: GPU time is the scarce
 * resource, so a reply is never held up by its client (the reply's own bounded log absorbs the difference; see
 * {@code chat.Reply}). Auto-read is off on this channel only so that nothing is read after the reply ended. Also
 * enforces the first-token and between-token timeouts, on the event loop's clock.
 *
 * <p>The connection may be new or kept alive from an earlier reply. When the reply ends cleanly on a keep-alive
 * response, the handler reads the end of the body and hands the connection back to its {@link Owner}.
 */
final class ChatStreamHandler extends ChannelInboundHandlerAdapter implements NdjsonResponse.Receiver {
    private static final int MAX_LINE_BYTES = 1 << 20;

    /** Who holds the connection this handler reads from. */
    interface Owner {
        /** The reply and its response ended cleanly: the connection can carry another request. */
        void reusable(Channel channel);

        /** A kept-alive connection failed before any answer came: send the request on a new connection. */
        void stale();
    }

    private final ChatCall call;
    private final StreamListener listener;
    private final Owner owner;
    private final boolean reusedConnection;
    private final AtomicInteger busyConnections;
    private ChannelHandlerContext ctx;
    private NdjsonResponse response;
    private boolean keepAlive;
    private boolean started;
    private boolean finished;
    /** The reply is complete; the rest of the body (the last chunk) is read before the connection is reused. */
    private boolean draining;
    private long deadlineNanos;
    private ScheduledFuture<?> timer;
    private final ThinkTagSplitter inlineThinking = new ThinkTagSplitter();
    private final ThinkTagSplitter.Sink pieces;

    ChatStreamHandler(ChatCall call, StreamListener listener, Owner owner, boolean reusedConnection,
                      AtomicInteger busyConnections) {
        this.call = call;
        this.listener = listener;
        this.owner = owner;
        this.reusedConnection = reusedConnection;
        this.busyConnections = busyConnections;
        this.pieces = new ListenerSink(listener, () -> finished);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.response = new NdjsonResponse(ctx.alloc(), MAX_LINE_BYTES, this);
        busyConnections.incrementAndGet();
        if (finished) {
            ctx.channel().close();          // cancelled before it got its connection
        } else if (ctx.channel().isActive()) {
            sendRequest();                  // a kept-alive connection: no channelActive will come
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!finished) {
            sendRequest();
        }
    }

    private void sendRequest() {
        ctx.writeAndFlush(call.newRequest(ctx.alloc())).addListener(write -> {
            if (!write.isSuccess()) {
                fail(Kind.UNREACHABLE, "Could not send the request to Ollama at " + call.endpoint()
                        + " (" + write.cause().getMessage() + ").", 0);
            }
        });
        deadlineNanos = now() + call.firstTokenTimeout().toNanos();
        scheduleTimer(call.firstTokenTimeout().toNanos());
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (draining) {
                if (msg instanceof LastHttpContent) {
                    handBack();
                }
            } else if (!finished) {
                read(msg);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void read(Object msg) {
        if (msg instanceof HttpResponse head) {
            keepAlive = HttpUtil.isKeepAlive(head);
        }
        response.read(msg);
        if (draining && msg instanceof LastHttpContent) {
            handBack();                     // the done line came with (or before) the body's end
        }
    }

    // NdjsonResponse.Receiver

    @Override
    public boolean line(ByteBuf line) {
        return onLine(line);
    }

    @Override
    public void ended() {
        if (!finished) {
            fail(Kind.INCOMPLETE, "Ollama ended the reply before it was complete; try again.", status());
        }
    }

    @Override
    public void refused(int status, String errorText) {
        failForStatus(status, errorText);
    }

    @Override
    public void lineTooLong() {
        fail(Kind.ERROR, "Ollama sent a reply line that is too long to be valid; try again.", status());
    }

    private boolean onLine(ByteBuf line) {
        OllamaChunk chunk;
        try {
            chunk = OllamaChunkParser.parse(ByteBufUtil.getBytes(line));
        } catch (IOException e) {
            fail(Kind.ERROR, "Ollama sent a malformed reply line; try again.", status());
            return false;
        }
        if (chunk.error() != null) {
            failForStreamError(chunk.error());
            return false;
        }
        deadlineNanos = now() + call.tokenIdleTimeout().toNanos();
        String thinking = chunk.thinking();
        String text = chunk.content();
        if (!started) {
            started = true;
            // The timer still waits for the (much longer) first-token deadline: from now on silence counts sooner.
            cancelTimer();
            scheduleTimer(call.tokenIdleTimeout().toNanos());
            listener.onStarted(!thinking.isEmpty() || ThinkTagSplitter.opensThinking(text));
        }
        if (!thinking.isEmpty() && !finished) {
            listener.onThinking(thinking);
        }
        inlineThinking.accept(text, pieces);
        if (chunk.isDone() && !finished) {
            inlineThinking.finish(pieces);
            finished = true;
            if (keepAlive) {
                draining = true;
                deadlineNanos = now() + call.tokenIdleTimeout().toNanos();
            } else {
                close();
            }
            listener.onDone(chunk.doneReason(), new ReplyStats(chunk.promptEvalCount(), chunk.evalCount(),
                    chunk.totalDuration(), chunk.loadDuration(), chunk.promptEvalDuration(), chunk.evalDuration()));
        }
        return !finished;
    }

    /** The response is over and the connection clean: give it back for the next reply. */
    private void handBack() {
        draining = false;
        cancelTimer();
        if (response.hasPendingBytes()) {
            ctx.channel().close();          // bytes after the last line: not a connection to trust again
            return;
        }
        Channel channel = ctx.channel();
        ctx.pipeline().remove(this);
        owner.reusable(channel);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (draining) {
            ctx.read();
            return;
        }
        if (finished) {
            return;
        }
        listener.onBatchEnd();
        if (!finished) {
            ctx.read();
        }
    }

    void cancel() {
        if (!finished || draining) {
            finished = true;
            draining = false;
            close();
        }
    }

    void connectFailed(Throwable cause) {
        fail(Kind.UNREACHABLE, Failures.unreachable(call.endpoint(), cause), 0);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(Kind.INCOMPLETE, "The connection to Ollama dropped before the reply was complete; try again.", 0);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(Kind.INCOMPLETE, "The connection to Ollama failed before the reply was complete ("
                + cause.getMessage() + "); try again.", 0);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        busyConnections.decrementAndGet();
        finished = true;
        draining = false;
        cancelTimer();
        if (response != null) {
            response.release();
        }
    }

    private void failForStatus(int code, String text) {
        fail(Failures.forStatus(code, text, call.model()));
    }

    private void failForStreamError(String text) {
        fail(Failures.forStreamError(text, started, call.model(), status()));
    }

    private void fail(OllamaFailure failure) {
        fail(failure.kind(), failure.message(), failure.httpStatus());
    }

    private void fail(Kind kind, String message, int httpStatus) {
        if (finished) {
            return;
        }
        finished = true;
        close();
        if (reusedConnection && status() == 0 && (kind == Kind.UNREACHABLE || kind == Kind.INCOMPLETE)) {
            // Closed by Ollama while it sat idle, before our request: nothing was generated, so ask again.
            owner.stale();
            return;
        }
        listener.onFailure(new OllamaFailure(kind, message, httpStatus));
    }

    private void close() {
        cancelTimer();
        if (ctx != null) {
            ctx.channel().close();
        }
    }

    /** Ollama's HTTP status, or 0 before its answer (or before this handler got a connection). */
    private int status() {
        return response == null ? 0 : response.status();
    }

    /** The event loop's clock, which tests can freeze and advance. */
    private long now() {
        return ctx.executor().ticker().nanoTime();
    }

    private void scheduleTimer(long delayNanos) {
        timer = ctx.executor().schedule(this::checkDeadline, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void checkDeadline() {
        if (draining) {
            draining = false;
            ctx.channel().close();          // the end of the body never came: do not reuse the connection
            return;
        }
        if (finished) {
            return;
        }
        long left = deadlineNanos - now();
        if (left > 0) {
            scheduleTimer(left);
        } else if (started) {
            fail(Kind.TIMEOUT, "Ollama stopped sending for " + Failures.seconds(call.tokenIdleTimeout())
                    + " in the middle of the reply; try again.", status());
        } else {
            fail(Kind.TIMEOUT, "Ollama did not start answering within " + Failures.seconds(call.firstTokenTimeout())
                    + ". It may still be loading the model or busy with other requests: try again, or raise"
                    + " --first-token-timeout.", status());
        }
    }
}
