package io.lanchat.bench;

import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ConversationList;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.Hello;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ServerMessage;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * One WebSocket connection that sends requests and matches the answers by request id (the conversation library's
 * {@code conversations}, {@code search}, {@code open}). The arrival time is read before the frame is parsed, so the
 * generator's own JSON parsing stays out of the latency.
 */
final class RequestConn extends SimpleChannelInboundHandler<WebSocketFrame> {
    /** An answer and when its frame arrived ({@link System#nanoTime()}). */
    record Answer(ServerMessage message, long arrivedNanos) {
    }

    final CompletableFuture<Hello> hello = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Map<String, CompletableFuture<Answer>> waiting = new ConcurrentHashMap<>();
    private volatile Channel channel;

    Channel channel() {
        return channel;
    }

    /**
     * Sends a request whose {@code id} is {@code id}; the future completes with the answer carrying that id
     * ({@code error} included), or exceptionally when the connection closes first. The caller puts the deadline.
     */
    CompletableFuture<Answer> request(String id, ClientMessage message) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        String json = ProtocolJson.writeClient(message);
        channel.writeAndFlush(new TextWebSocketFrame(json)).addListener(f -> {
            if (!f.isSuccess()) {
                fail(id, f.cause());
            }
        });
        return answer;
    }

    private void fail(String id, Throwable cause) {
        CompletableFuture<Answer> answer = waiting.remove(id);
        if (answer != null) {
            answer.completeExceptionally(cause);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws Exception {
        long now = System.nanoTime();
        if (!(frame instanceof TextWebSocketFrame text)) {
            return;
        }
        ServerMessage message = ProtocolJson.readServer(text.text());
        String id = null;
        if (message instanceof ConversationList list) {
            id = list.id();
        } else if (message instanceof ConversationOpened opened) {
            id = opened.id();
        } else if (message instanceof ErrorMessage error) {
            id = error.id();
        }
        if (message instanceof Hello h) {
            hello.complete(h);
        } else if (id != null) {
            CompletableFuture<Answer> answer = waiting.remove(id);
            if (answer != null) {
                answer.complete(new Answer(message, now));
            }
        }
        // availability, models_changed and the like: nothing to match
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
        IllegalStateException gone = new IllegalStateException("connection closed");
        hello.completeExceptionally(gone);
        waiting.keySet().forEach(id -> fail(id, gone));
        closed.complete(null);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        hello.completeExceptionally(cause);
        ctx.close();
    }
}
