package io.lanchat.server.transport;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.Hello;
import io.lanchat.protocol.ListModelsRequest;
import io.lanchat.protocol.PingRequest;
import io.lanchat.protocol.Pong;
import io.lanchat.protocol.ProtocolVersion;
import io.lanchat.protocol.ResetRequest;
import io.lanchat.protocol.RetryRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.server.chat.ChatServices;
import io.lanchat.server.chat.ClientSink;
import io.lanchat.server.chat.Conversation;
import io.lanchat.server.monitor.OllamaState;
import io.lanchat.server.session.Session;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per connection: opens a session when the WebSocket handshake completes, says hello, and hands each
 * request to the connection's {@link Conversation}.
 */
final class ChatHandler extends SimpleChannelInboundHandler<ClientMessage> implements ClientSink {
    private static final Logger log = LoggerFactory.getLogger(ChatHandler.class);

    private final ChatServices services;
    private final ClientRegistry clients;
    private final String serverName;
    private final RateLimits rateLimits;
    private final TokenBucket connectionRate;
    private final Duration pingInterval;
    private ChannelHandlerContext ctx;
    private Conversation conversation;
    private ClientIdentity identity;

    ChatHandler(ChatServices services, ClientRegistry clients, String serverName, RateLimits rateLimits,
                Duration pingInterval) {
        this.services = services;
        this.clients = clients;
        this.serverName = serverName;
        this.rateLimits = rateLimits;
        this.connectionRate = rateLimits.newConnectionBucket();
        this.pingInterval = pingInterval;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeComplete) {
            this.ctx = ctx;
            this.identity = ctx.channel().attr(ClientIdentity.ATTRIBUTE).get();
            KeepAliveHandler.install(ctx, pingInterval);
            Session session = services.sessions().create();
            conversation = new Conversation(session.id(), services, this);
            clients.add(ctx.channel());
            OllamaState ollama = services.monitor().state();
            ctx.writeAndFlush(new Hello(session.id(), ProtocolVersion.CURRENT, serverName, ollama.status(),
                    ollama.models(), services.defaultModel(), services.maxMessageChars()));
            log.debug("{}: session {} opened", ctx.channel().remoteAddress(), session.id().substring(0, 8));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        if (conversation == null) {
            return;     // cannot happen: frames arrive only after the handshake
        }
        if (message instanceof ChatRequest chat) {
            long wait = rateLimits.tryTake(connectionRate, identity);
            if (wait > 0) {
                conversation.refuse(chat, ErrorCode.RATE_LIMITED, "You are sending messages too fast: wait " + wait
                        + " s, then retry. Your message is kept.");
            } else {
                conversation.chat(chat);
            }
        } else if (message instanceof CancelRequest cancel) {
            conversation.cancel(cancel);
        } else if (message instanceof RetryRequest retry) {
            long wait = rateLimits.tryTake(connectionRate, identity);
            if (wait > 0) {
                conversation.error(retry.id(), ErrorCode.RATE_LIMITED, "You are sending messages too fast: wait "
                        + wait + " s, then retry.", true);
            } else {
                conversation.retry(retry);
            }
        } else if (message instanceof ResetRequest reset) {
            conversation.reset(reset);
        } else if (message instanceof ListModelsRequest list) {
            conversation.listModels(list.id());
        } else if (message instanceof PingRequest ping) {
            ctx.writeAndFlush(new Pong(ping.id()));
        } else {
            throw new IllegalStateException("unhandled message type " + message.getClass().getName());
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (conversation != null && ctx.channel().isWritable()) {
            conversation.writable();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (conversation != null) {
            clients.remove(ctx.channel());
            conversation.closed();
            conversation = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof java.io.IOException) {
            log.debug("{}: connection failed: {}", ctx.channel().remoteAddress(), cause.getMessage());
            ctx.close();
            return;
        }
        log.warn("{}: unexpected error, closing with 1011", ctx.channel().remoteAddress(), cause);
        FrameGuard.close(ctx, WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    // ClientSink, used by the conversation on this channel's event loop.

    @Override
    public void send(ServerMessage message) {
        ctx.write(message, ctx.voidPromise());
    }

    @Override
    public void flush() {
        ctx.flush();
    }

    @Override
    public boolean isWritable() {
        return ctx.channel().isWritable();
    }

    @Override
    public EventLoop eventLoop() {
        return ctx.channel().eventLoop();
    }
}
