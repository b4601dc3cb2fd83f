package io.lanchat.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lanchat.protocol.AvailabilityChanged;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.Hello;
import io.lanchat.protocol.HistoryCleared;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ResetRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.TokenDelta;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * One WebSocket connection of the load generator. Token frames are read with a lean hand-off (the position of
 * {@code "seq":} and {@code "text":"} in the frame, as the server writes them); every other frame goes through
 * {@link ProtocolJson#readServer}. In strict mode token frames are parsed with ProtocolJson too, and both
 * readings must agree.
 */
final class WsConn extends SimpleChannelInboundHandler<WebSocketFrame> implements WsClient.Endpoint {
    private static final String TOKEN_PREFIX = "{\"type\":\"token\"";
    private static final String AVAILABILITY_PREFIX = "{\"type\":\"availability\"";
    private static final String MODELS_CHANGED_PREFIX = "{\"type\":\"models_changed\"";

    /** Told of every availability broadcast a connection receives. */
    interface AvailabilityWatch {
        void received(WsConn conn, boolean available, long nanos);
    }

    final int index;
    private final boolean strict;
    final CompletableFuture<Hello> hello = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile AvailabilityWatch watch;
    private Channel channel;
    private ChatRun current;
    private CompletableFuture<Void> clearing;
    private int unexpected;
    private volatile int notSaved;     // written on the event loop only; read after the run

    WsConn(int index, boolean strict) {
        this.index = index;
        this.strict = strict;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public CompletableFuture<Hello> ready() {
        return hello;
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }

    void watch(AvailabilityWatch watch) {
        this.watch = watch;
    }

    /** Frames that made no sense here (e.g. a token with no chat running); reported as errors. */
    int unexpected() {
        return unexpected;
    }

    /** {@code not_saved} errors: the server's store could not save a turn in time; they end nothing (the reply goes on). */
    int notSaved() {
        return notSaved;
    }

    /** Sends a chat asking the stand-in for {@code run.count} tokens; {@code run.done} completes at its end. */
    void chat(ChatRun run) {
        String json = ProtocolJson.writeClient(new ChatRequest(run.id, run.requestText()));
        channel.eventLoop().execute(() -> {
            if (current != null) {
                run.finish("a chat is already running on this connection");
                return;
            }
            if (!channel.isActive()) {
                run.finish("connection closed before the chat");
                return;
            }
            current = run;
            run.sentNanos = System.nanoTime();
            channel.writeAndFlush(new TextWebSocketFrame(json), channel.voidPromise());
        });
    }

    /** Starts a new conversation on this connection ({@code reset}); completes when the server says {@code cleared}. */
    CompletableFuture<Void> reset() {
        CompletableFuture<Void> cleared = new CompletableFuture<>();
        String json = ProtocolJson.writeClient(new ResetRequest("r" + index));
        channel.eventLoop().execute(() -> {
            clearing = cleared;
            channel.writeAndFlush(new TextWebSocketFrame(json), channel.voidPromise());
        });
        return cleared;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws JsonProcessingException {
        long now = System.nanoTime();
        if (!(frame instanceof TextWebSocketFrame textFrame)) {
            return;
        }
        String s = textFrame.text();
        if (s.startsWith(TOKEN_PREFIX)) {
            onToken(s, now);
            return;
        }
        if (!strict && s.startsWith(AVAILABILITY_PREFIX)) {
            // Lean, like tokens: thousands arrive at once in the broadcast scenario.
            AvailabilityWatch w = watch;
            if (w != null) {
                w.received(this, s.contains("\"available\":true"), now);
            }
            return;
        }
        if (!strict && s.startsWith(MODELS_CHANGED_PREFIX)) {
            return;
        }
        ServerMessage message = ProtocolJson.readServer(s);
        if (message instanceof Hello h) {
            hello.complete(h);
        } else if (message instanceof AvailabilityChanged a) {
            AvailabilityWatch w = watch;
            if (w != null) {
                w.received(this, a.ollama().available(), now);
            }
        } else if (message instanceof ReplyDone d) {
            end(d.id(), null);
        } else if (message instanceof ErrorMessage e && e.code() == io.lanchat.protocol.ErrorCode.NOT_SAVED) {
            notSaved++;
        } else if (message instanceof ErrorMessage e) {
            end(e.id(), "error " + e.code() + ": " + e.message());
        } else if (message instanceof ReplyCancelled c) {
            end(c.id(), "cancelled");
        } else if (message instanceof HistoryCleared && clearing != null) {
            clearing.complete(null);
            clearing = null;
        }
        // started, models_changed, pong: nothing to check
    }

    private void onToken(String s, long now) throws JsonProcessingException {
        ChatRun run = current;
        if (run == null) {
            unexpected++;
            return;
        }
        long[] frame = Tokens.frame(s);
        long seq = frame == null ? -2 : frame[0];
        long[] token = frame == null ? null : new long[] {frame[1], frame[2]};
        if (strict) {
            TokenDelta delta = (TokenDelta) ProtocolJson.readServer(s);
            long[] full = Tokens.parse(delta.text(), 0, delta.text().length());
            if (!run.id.equals(delta.id()) || delta.seq() != seq || full == null || token == null
                    || full[0] != token[0] || full[1] != token[1]) {
                run.fail("lean and full parsing disagree on " + s);
            }
        }
        run.token(seq, token, now);
    }

    private void end(String id, String failure) {
        ChatRun run = current;
        if (run == null || (id != null && !id.equals(run.id))) {
            unexpected++;
            return;
        }
        current = null;
        run.finish(failure);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            hello.completeExceptionally(new TimeoutException("WebSocket handshake timed out"));
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        hello.completeExceptionally(new IllegalStateException("connection closed before hello"));
        ChatRun run = current;
        if (run != null) {
            current = null;
            run.finish("connection closed during the reply");
        }
        closed.complete(null);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        hello.completeExceptionally(cause);
        ctx.close();
    }
}
