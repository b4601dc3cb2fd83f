package io.lanchat.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PauseReadingWhileUnwritableTest {
    private final List<Boolean> seenByNextHandler = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new PauseReadingWhileUnwritable(),
            new ChannelInboundHandlerAdapter() {
                @Override
                public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                    seenByNextHandler.add(ctx.channel().isWritable());
                }
            });

    PauseReadingWhileUnwritableTest() {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
    }

    @Test
    void stopsReadingWhileAnswersBackUp() {
        channel.write(Unpooled.wrappedBuffer(new byte[32]));

        assertThat(channel.isWritable()).isFalse();
        assertThat(channel.config().isAutoRead()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void readsAgainOnceTheyAreWrittenAndTellsTheConversation() {
        channel.write(Unpooled.wrappedBuffer(new byte[32]));

        channel.flush();

        assertThat(channel.isWritable()).isTrue();
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(seenByNextHandler).containsExactly(false, true);
        channel.finishAndReleaseAll();
    }
}
