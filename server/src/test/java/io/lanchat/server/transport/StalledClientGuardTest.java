package io.lanchat.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A connection that takes nothing is closed after the stall timeout; one that drains at all is not. */
final class StalledClientGuardTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(8);
    private EmbeddedChannel channel;

    @BeforeEach
    void open() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(100, 200));
        channel.pipeline().addLast(new StalledClientGuard(TIMEOUT));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aClientThatTakesNothingIsClosedAfterTheTimeout() {
        fillOutboundBuffer(300);
        assertThat(channel.isWritable()).isFalse();

        advance(TIMEOUT.minusSeconds(1));
        assertThat(channel.isOpen()).as("not yet").isTrue();

        advance(Duration.ofSeconds(2));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aWritableClientIsNeverClosed() {
        channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[50]));
        advance(TIMEOUT.multipliedBy(3));
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void becomingWritableAgainStopsTheClock() {
        fillOutboundBuffer(300);
        advance(TIMEOUT.minusSeconds(2));
        channel.flush();                                // the client read it all
        assertThat(channel.isWritable()).isTrue();
        advance(TIMEOUT);
        assertThat(channel.isOpen()).isTrue();

        fillOutboundBuffer(300);                        // stalls again: a new full timeout from now
        advance(TIMEOUT.minusSeconds(1));
        assertThat(channel.isOpen()).isTrue();
        advance(Duration.ofSeconds(2));
        assertThat(channel.isOpen()).isFalse();
    }

    private void fillOutboundBuffer(int bytes) {
        channel.write(Unpooled.wrappedBuffer(new byte[bytes]));      // written, never flushed: nothing drains
    }

    private void advance(Duration by) {
        long step = TIMEOUT.toMillis() / 8;
        for (long done = 0; done < by.toMillis(); done += step) {
            channel.advanceTimeBy(Math.min(step, by.toMillis() - done), TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
        }
    }
}
