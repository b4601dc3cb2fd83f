package io.lanchat.server.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class NdjsonSplitterTest {
    private final NdjsonSplitter splitter = new NdjsonSplitter(ByteBufAllocator.DEFAULT, 64);
    private final List<String> lines = new ArrayList<>();

    @AfterEach
    void release() {
        splitter.release();
    }

    @Test
    void splitsLinesWhateverTheChunkBoundariesEvenInsideAUtf8Character() {
        byte[] bytes = "{\"a\":\"héllo 日本 🦙\"}\n{\"b\":2}\r\n\n{\"c\":3}".getBytes(StandardCharsets.UTF_8);

        for (byte b : bytes) {
            feed(new byte[] {b});
        }
        splitter.finish(this::collect);

        assertThat(lines).containsExactly("{\"a\":\"héllo 日本 🦙\"}", "{\"b\":2}", "{\"c\":3}");
    }

    @Test
    void stopsWhenTheConsumerSaysSo() {
        boolean goOn = splitter.feed(Unpooled.copiedBuffer("1\n2\n3\n", StandardCharsets.UTF_8),
                line -> !collect(line) || lines.size() < 2);

        assertThat(goOn).isFalse();
        assertThat(lines).containsExactly("1", "2");
    }

    @Test
    void refusesALineLongerThanTheLimit() {
        assertThatThrownBy(() -> feed(new byte[100])).isInstanceOf(NdjsonSplitter.LineTooLongException.class);
    }

    private void feed(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        splitter.feed(buf, this::collect);
        buf.release();
    }

    private boolean collect(ByteBuf line) {
        lines.add(line.toString(StandardCharsets.UTF_8));
        return true;
    }
}
