package io.lanchat.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The keepalive on Netty's fake clock: pings follow what was read, not what was written. */
final class KeepAliveHandlerTest {
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    @Test
    void aListenerThatOnlyAnswersPingsSurvivesALongStreamingReply() {
        EmbeddedChannel channel = keepAliveChannel();

        for (int second = 1; second <= 300; second++) {            // five minutes of tokens, one a second
            channel.writeOutbound(new TextWebSocketFrame("{\"type\":\"token\"}"));
            advance(channel, Duration.ofSeconds(1));
            if (drainPings(channel) > 0) {
                channel.writeInbound(new PongWebSocketFrame());     // the browser answers, and does nothing else
                releaseInbound(channel);
            }
        }

        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void aStreamingReplyDoesNotStopThePings() {
        EmbeddedChannel channel = keepAliveChannel();

        int pings = 0;
        for (int second = 1; second <= 60; second++) {
            channel.writeOutbound(new TextWebSocketFrame("{\"type\":\"token\"}"));
            advance(channel, Duration.ofSeconds(1));
            pings += drainPings(channel);
        }

        assertThat(pings).isEqualTo(2);
        channel.finishAndReleaseAll();
    }

    @Test
    void aSilentConnectionIsPingedTwiceThenClosedAfterThreeIntervals() {
        EmbeddedChannel channel = keepAliveChannel();

        advance(channel, INTERVAL);
        assertThat(drainPings(channel)).isEqualTo(1);
        advance(channel, INTERVAL);
        assertThat(drainPings(channel)).isEqualTo(1);
        assertThat(channel.isOpen()).isTrue();

        advance(channel, INTERVAL);
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void anythingReadStartsTheCountAgain() {
        EmbeddedChannel channel = keepAliveChannel();
        advance(channel, INTERVAL.multipliedBy(2));

        channel.writeInbound(new PongWebSocketFrame());
        releaseInbound(channel);
        advance(channel, INTERVAL.multipliedBy(2));
        assertThat(channel.isOpen()).isTrue();

        advance(channel, INTERVAL);
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void silenceWhileTheServerIsNotReadingIsNotCounted() {
        EmbeddedChannel channel = keepAliveChannel();
        channel.config().setWriteBufferWaterMark(new io.netty.channel.WriteBufferWaterMark(100, 200));
        channel.write(new TextWebSocketFrame("x".repeat(300)));  // a slow reader: its buffer is full, reading paused
        assertThat(channel.isWritable()).isFalse();

        advance(channel, INTERVAL.multipliedBy(5));
        assertThat(channel.isOpen()).as("its pongs cannot be read now; the stall guard judges it").isTrue();

        channel.flush();                                            // it drained: reading goes on
        drainPings(channel);
        advance(channel, INTERVAL.multipliedBy(3));
        assertThat(channel.isOpen()).as("and now its silence counts").isFalse();
        channel.finishAndReleaseAll();
    }

    /** A channel whose handshake just completed, with the keepalive installed as the real pipeline does. */
    private static EmbeddedChannel keepAliveChannel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                KeepAliveHandler.install(ctx, INTERVAL);
            }
        });
        return channel;
    }

    private static void advance(EmbeddedChannel channel, Duration by) {
        for (long s = 0; s < by.toSeconds(); s++) {      // a second at a time, so every scheduled check runs
            channel.advanceTimeBy(1, TimeUnit.SECONDS);
            channel.runPendingTasks();
            channel.runScheduledPendingTasks();
        }
    }

    private static int drainPings(EmbeddedChannel channel) {
        int pings = 0;
        for (Object out; (out = channel.readOutbound()) != null; ) {
            if (out instanceof PingWebSocketFrame) {
                pings++;
            }
            ReferenceCountUtil.release(out);
        }
        return pings;
    }

    private static void releaseInbound(EmbeddedChannel channel) {
        for (Object in; (in = channel.readInbound()) != null; ) {
            ReferenceCountUtil.release(in);
        }
    }
}
