package io.lanchat.server.transport;

import io.lanchat.protocol.AvailabilityChanged;
import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.ModelsChanged;
import io.lanchat.protocol.OllamaStatus;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.server.monitor.AvailabilityListener;
import io.lanchat.server.monitor.UserFacingStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open WebSocket connection, grouped by event loop, for broadcasts. A broadcast is serialized once and
 * handed to each event loop as a few tasks, each writing to a slice of that loop's channels, so a broadcast to
 * thousands of clients neither re-encodes per client nor holds one event loop for the whole fan-out.
 */
public final class ClientRegistry implements AvailabilityListener {
    private static final int CHANNELS_PER_TASK = 512;

    private final Map<EventLoop, Set<Channel>> byLoop = new ConcurrentHashMap<>();

    void add(Channel channel) {
        byLoop.computeIfAbsent(channel.eventLoop(), loop -> ConcurrentHashMap.newKeySet()).add(channel);
    }

    void remove(Channel channel) {
        Set<Channel> channels = byLoop.get(channel.eventLoop());
        if (channels != null) {
            channels.remove(channel);
        }
    }

    public int size() {
        return byLoop.values().stream().mapToInt(Set::size).sum();
    }

    /**
     * The most bytes any one connection has written but not yet handed to its socket: what a client that does
     * not read makes the server hold. For tests and diagnostics; any thread (the figure may be a moment old).
     */
    public long largestPendingOutboundBytes() {
        long largest = 0;
        for (Set<Channel> channels : byLoop.values()) {
            for (Channel channel : channels) {
                ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
                if (buffer != null) {
                    largest = Math.max(largest, buffer.totalPendingWriteBytes());
                }
            }
        }
        return largest;
    }

    /** Sends a frame to every connected client. Any thread. */
    public void broadcast(ServerMessage message) {
        ByteBuf encoded = Unpooled.wrappedBuffer(ProtocolJson.writeServer(message));
        for (Map.Entry<EventLoop, Set<Channel>> entry : byLoop.entrySet()) {
            List<Channel> channels = new ArrayList<>(entry.getValue());
            for (int from = 0; from < channels.size(); from += CHANNELS_PER_TASK) {
                List<Channel> slice = channels.subList(from, Math.min(channels.size(), from + CHANNELS_PER_TASK));
                ByteBuf payload = encoded.retainedDuplicate();
                entry.getKey().execute(() -> writeAll(slice, payload));
            }
        }
        encoded.release();
    }

    private static void writeAll(List<Channel> channels, ByteBuf payload) {
        try {
            for (Channel channel : channels) {
                if (channel.isActive()) {
                    channel.writeAndFlush(new TextWebSocketFrame(payload.retainedDuplicate()), channel.voidPromise());
                }
            }
        } finally {
            payload.release();
        }
    }

    /**
     * Closes every client's connection with a WebSocket close frame (e.g. 1001 at shutdown). Any thread.
     *
     * @return the channels' close futures, to wait on before stopping the event loops (which would otherwise
     *         drop the connections before the close frames are written)
     */
    public List<ChannelFuture> closeAll(WebSocketCloseStatus status, String reason) {
        List<ChannelFuture> closed = new ArrayList<>();
        byLoop.values().forEach(channels -> channels.forEach(channel -> {
            channel.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
            closed.add(channel.closeFuture());
        }));
        return closed;
    }

    @Override
    public void availabilityChanged(OllamaStatus status) {
        broadcast(new AvailabilityChanged(UserFacingStatus.of(status)));   // details: log and /healthz
    }

    @Override
    public void modelsChanged(List<ModelInfo> models) {
        broadcast(new ModelsChanged(models));
    }
}
