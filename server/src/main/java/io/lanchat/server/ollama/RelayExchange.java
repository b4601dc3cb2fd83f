package io.lanchat.server.ollama;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;

/**
 * One relayed request's conversation with Ollama: on a kept-alive connection when one is idle on this event loop
 * (the chat replies' pool: the same requests to the same Ollama), else on a new one; once more on a new one if the
 * kept-alive connection turns out closed before any answer. Confined to its event loop.
 */
final class RelayExchange implements Relay, ChatStreamHandler.Owner {
    private final OllamaClient client;
    private final EventLoop loop;
    private final RelayCall call;
    private final RelayListener listener;
    private RelayHandler handler;
    private boolean paused;

    RelayExchange(OllamaClient client, EventLoop loop, RelayCall call, RelayListener listener) {
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
            handler = new RelayHandler(call, listener, this, true, client.busyConnections());
            idle.pipeline().addLast(handler);      // sends the request at once: the connection is open
        }
    }

    private void connect() {
        RelayHandler fresh = new RelayHandler(call, listener, this, false, client.busyConnections());
        if (paused) {
            fresh.pause();
        }
        handler = fresh;
        ChannelFuture connect = client.bootstrap(loop, fresh, false, false)
                .connect(client.endpoint().host(), client.endpoint().port());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                fresh.connectFailed(f.cause());
            }
        });
    }

    @Override
    public void cancel() {
        handler.cancel();
    }

    @Override
    public void pause() {
        paused = true;
        handler.pause();
    }

    @Override
    public void resume() {
        paused = false;
        handler.resume();
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
