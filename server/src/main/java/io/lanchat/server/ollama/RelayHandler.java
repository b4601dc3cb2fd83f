package io.lanchat.server.ollama;

import io.lanchat.server.ollama.OllamaFailure.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one request to Ollama and hands its response on as it arrives, head first, then the body's bytes as
 * they were read (never parsed nor re-encoded). Reads only while the receiver keeps up ({@link Relay#pause()}),
 * with auto-read off. Enforces the first-byte and between-bytes timeouts on the event loop's clock. A response
 * that ends cleanly on a keep-alive connection gives the connection back for the next request on this loop.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {
    private final RelayCall call;
    private final RelayListener listener;
    private final ChatStreamHandler.Owner owner;
    private final boolean reusedConnection;
    private final AtomicInteger busyConnections;
    private ChannelHandlerContext ctx;
    private boolean headSeen;
    private boolean keepAlive;
    private boolean finished;
    private boolean paused;
    private long deadlineNanos;
    private ScheduledFuture<?> timer;

    RelayHandler(RelayCall call, RelayListener listener, ChatStreamHandler.Owner owner, boolean reusedConnection,
                 AtomicInteger busyConnections) {
        this.call = call;
        this.listener = listener;
        this.owner = owner;
        this.reusedConnection = reusedConnection;
        this.busyConnections = busyConnections;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
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
                        + " (" + write.cause().getMessage() + ").");
            }
        });
        deadlineNanos = now() + call.firstByteTimeout().toNanos();
        scheduleTimer(call.firstByteTimeout().toNanos());
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            fail(Kind.ERROR, "Ollama sent a malformed HTTP response (" + object.decoderResult().cause() + ").");
            return;
        }
        deadlineNanos = now() + call.idleTimeout().toNanos();
        if (msg instanceof HttpResponse head) {
            headSeen = true;
            keepAlive = HttpUtil.isKeepAlive(head);
            listener.onHead(head);
        }
        if (msg instanceof HttpContent content) {
            ByteBuf bytes = content.content();
            if (bytes.isReadable() && !finished) {
                listener.onContent(bytes.retain());
            }
            if (msg instanceof LastHttpContent && !finished) {
                finished = true;
                cancelTimer();
                listener.onEnd();
                handBack();
            }
        }
        ReferenceCountUtil.release(msg);
    }

    /** The response is over and the connection clean: give it back for the next request. */
    private void handBack() {
        Channel channel = ctx.channel();
        if (!keepAlive) {
            channel.close();
            return;
        }
        ctx.pipeline().remove(this);
        owner.reusable(channel);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (finished) {
            return;
        }
        listener.onBatchEnd();
        if (!finished && !paused) {
            ctx.read();
        }
    }

    void pause() {
        paused = true;
    }

    void resume() {
        if (paused) {
            paused = false;
            if (!finished && ctx != null && ctx.channel().isActive()) {
                ctx.read();
            }
        }
    }

    void cancel() {
        if (!finished) {
            finished = true;
            close();
        }
    }

    void connectFailed(Throwable cause) {
        fail(Kind.UNREACHABLE, Failures.unreachable(call.endpoint(), cause));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(Kind.INCOMPLETE, "The connection to Ollama dropped before the answer was complete; try again.");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(Kind.INCOMPLETE, "The connection to Ollama failed before the answer was complete ("
                + cause.getMessage() + "); try again.");
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        busyConnections.decrementAndGet();
        finished = true;
        cancelTimer();
    }

    private void fail(Kind kind, String message) {
        if (finished) {
            return;
        }
        finished = true;
        close();
        if (reusedConnection && !headSeen && (kind == Kind.UNREACHABLE || kind == Kind.INCOMPLETE)) {
            // Closed by Ollama while it sat idle, before our request: nothing was generated, so ask again.
            owner.stale();
            return;
        }
        listener.onFailure(new OllamaFailure(kind, message, 0));
    }

    private void close() {
        cancelTimer();
        if (ctx != null) {
            ctx.channel().close();
        }
    }

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
        if (finished) {
            return;
        }
        long left = deadlineNanos - now();
        if (left > 0) {
            scheduleTimer(left);
        } else if (headSeen) {
            fail(Kind.TIMEOUT, "Ollama stopped sending for " + Failures.seconds(call.idleTimeout())
                    + " in the middle of the answer.");
        } else {
            fail(Kind.TIMEOUT, "Ollama did not start answering within " + Failures.seconds(call.firstByteTimeout())
                    + "; it may be loading the model or busy.");
        }
    }
}
