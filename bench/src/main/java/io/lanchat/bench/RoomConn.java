package io.lanchat.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.Hello;
import io.lanchat.protocol.OpenRoomRequest;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.RoomOpened;
import io.lanchat.protocol.RoomState;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.SharedMessage;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * One connection in a room, as the rooms benchmark sees it: a room's owner ({@code /ws}, in once its
 * {@code hello} came) or a member ({@code /ws?room=TOKEN&name=NAME}, in once its first {@code room_state} came).
 * It follows one reply at a time, whoever asked for it: {@link #follow} arms a {@link ChatRun} before the question
 * goes out, and the reply's {@code token} frames (read leanly, as {@link WsConn} does) and its {@code done} feed
 * it. Confined to its event loop but for the futures and counters read after a run.
 */
final class RoomConn extends SimpleChannelInboundHandler<WebSocketFrame> implements WsClient.Endpoint {
    private static final String TOKEN_PREFIX = "{\"type\":\"token\"";
    /** Each join and leave goes to every member with the whole list: hundreds of frames, read by nobody here. */
    private static final String PRESENCE_PREFIX = "{\"type\":\"room_presence\"";

    final int index;
    final CompletableFuture<ServerMessage> ready = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private Channel channel;
    private ChatRun current;
    private CompletableFuture<RoomOpened> opening;
    /** A {@code room_state} after the first: the server replaced this member's transcript (it fell behind). */
    volatile int resyncs;
    /** Frames that made no sense here (a token with no reply followed, an error for nobody). */
    volatile int unexpected;
    volatile String lastUnexpected;

    RoomConn(int index) {
        this.index = index;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public CompletableFuture<ServerMessage> ready() {
        return ready;
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    /** The owner's conversation id (its {@code hello}'s session id). */
    String conversationId() {
        return ((Hello) ready.join()).sessionId();
    }

    /**
     * Follows the next reply with {@code run.id}, whoever asked; {@code run.done} completes at its end. The
     * returned future completes once the run is armed: ask only after that, or the reply may come first.
     */
    CompletableFuture<Void> follow(ChatRun run) {
        CompletableFuture<Void> armed = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            arm(run);
            armed.complete(null);
        });
        return armed;
    }

    /** Asks for {@code run.count} tokens on this connection and follows the reply. */
    void chat(ChatRun run) {
        String json = ProtocolJson.writeClient(new ChatRequest(run.id, run.requestText()));
        channel.eventLoop().execute(() -> {
            if (arm(run)) {
                run.sentNanos = System.nanoTime();
                channel.writeAndFlush(new TextWebSocketFrame(json), channel.voidPromise());
            }
        });
    }

    /** The owner opens its conversation as a room; completes with the invite. */
    CompletableFuture<RoomOpened> openRoom() {
        CompletableFuture<RoomOpened> opened = new CompletableFuture<>();
        String json = ProtocolJson.writeClient(new OpenRoomRequest("room-" + index, conversationId(), null));
        channel.eventLoop().execute(() -> {
            opening = opened;
            channel.writeAndFlush(new TextWebSocketFrame(json), channel.voidPromise());
        });
        return opened;
    }

    private boolean arm(ChatRun run) {
        if (current != null) {
            run.finish("a reply is already followed on this connection");
            return false;
        }
        if (!channel.isActive()) {
            run.finish("connection closed before the reply");
            return false;
        }
        current = run;
        return true;
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
            long[] token = Tokens.frame(s);
            if (current == null) {
                unexpected("token with no reply followed");
            } else {
                current.token(token == null ? -2 : token[0], token == null ? null : new long[] {token[1], token[2]},
                        now);
            }
            return;
        }
        if (s.startsWith(PRESENCE_PREFIX)) {
            return;
        }
        ServerMessage message = ProtocolJson.readServer(s);
        if (message instanceof Hello || (message instanceof RoomState && !ready.isDone())) {
            ready.complete(message);
        } else if (message instanceof RoomState) {
            resyncs++;
            end(null, "a new room_state during the reply (the member fell behind, or the reply stopped)");
        } else if (message instanceof RoomOpened opened && opening != null) {
            opening.complete(opened);
            opening = null;
        } else if (message instanceof SharedMessage shared && (current == null || !current.id.equals(shared.id()))) {
            unexpected("share_message " + shared.id() + " with no such reply followed");
        } else if (message instanceof ReplyDone d) {
            end(d.id(), null);
        } else if (message instanceof ErrorMessage e && e.code() != ErrorCode.NOT_SAVED) {
            if (opening != null) {
                opening.completeExceptionally(new IllegalStateException("open_room: " + e.message()));
                opening = null;
            } else {
                end(e.id(), "error " + e.code() + ": " + e.message());
            }
        } else if (message instanceof ReplyCancelled c) {
            end(c.id(), "cancelled");
        }
        // started, phase, pong, availability, models_changed, not_saved: nothing to check
    }

    private void end(String id, String failure) {
        ChatRun run = current;
        if (run == null || (id != null && !id.equals(run.id))) {
            unexpected(failure != null ? failure : "done " + id + " with no such reply followed");
            return;
        }
        current = null;
        run.finish(failure);
    }

    private void unexpected(String what) {
        unexpected++;
        lastUnexpected = what;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            ready.completeExceptionally(new TimeoutException("WebSocket handshake timed out"));
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ready.completeExceptionally(new IllegalStateException("connection closed before it was in"));
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
        ready.completeExceptionally(cause);
        ctx.close();
    }
}
