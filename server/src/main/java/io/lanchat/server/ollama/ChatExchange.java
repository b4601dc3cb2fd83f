package io.lanchat.server.ollama;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;

/**
 * One chat reply's conversation with Ollama: on a kept-alive connection when one is idle on this event loop, else
 * on a new one; and once more on a new one if the kept-alive connection turns out closed before any answer.
 * Confined to its event loop.
 */
final class ChatExchange implements ChatStream, ChatStreamHandler.Owner {
    private final OllamaClient client;
    private final EventLoop loop;
    private final ChatCall call;
    private final StreamListener listener;
    private ChatStreamHandler handler;

    ChatExchange(OllamaClient client, EventLoop loop, ChatCall call, StreamListener listener) {
        this.client = client;
        this.loop = loop;
        this.call = call;
        this.listener = listener;
    }

    void start() {
        Channel idle = client.idleConnections().take(loop);
        if (idle == null) {
            connect();
        } else {
            handler = newHandler(true);
            idle.pipeline().addLast(handler);      // sends the request at once: the connection is open
        }
    }

    private void connect() {
        ChatStreamHandler fresh = newHandler(false);
        handler = fresh;
        ChannelFuture connect = client.bootstrap(loop, fresh, false, false)
                .connect(client.endpoint().host(), client.endpoint().port());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                fresh.connectFailed(f.cause());
            }
        });
    }

    private ChatStreamHandler newHandler(boolean reused) {
        return new ChatStreamHandler(call, listener, this, reused, client.busyConnections());
    }

    @Override
    public void cancel() {
        handler.cancel();
    }

    @Override
    public void reusable(Channel channel) {
        client.idleConnections().offer(channel);
    }

    @Override
    public void stale() {
        connect();
    }
}
