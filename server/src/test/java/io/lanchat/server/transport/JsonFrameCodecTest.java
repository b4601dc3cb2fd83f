package io.lanchat.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.Pong;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ServerMessage;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

final class JsonFrameCodecTest {

    @Test
    void decodesAValidFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new JsonFrameCodec());

        channel.writeInbound(new TextWebSocketFrame("{\"type\":\"chat\",\"id\":\"c1\",\"text\":\"hi\"}"));

        assertThat((Object) channel.readInbound()).isEqualTo(new ChatRequest("c1", "hi"));
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void turnsAnInvalidFrameIntoTheErrorThatAnswersIt() {
        EmbeddedChannel channel = new EmbeddedChannel(new JsonFrameCodec());

        channel.writeInbound(new TextWebSocketFrame("{\"type\":\"chat\",\"id\":\"c9\",\"text\":7}"));

        assertThat((Object) channel.readOutbound()).as("answered by the request allowance, not here").isNull();
        RejectedFrame rejected = channel.readInbound();
        assertThat(rejected.answer()).satisfies(e -> {
            assertThat(e.id()).isEqualTo("c9");
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.message()).contains("\"text\"");
        });
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void encodesServerMessagesAsTextFrames() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new JsonFrameCodec());

        channel.writeOutbound(new Pong("p1"));

        TextWebSocketFrame out = channel.readOutbound();
        assertThat(ProtocolJson.readServer(out.text())).isEqualTo(new Pong("p1"));
        out.release();
        assertThat(channel.finish()).isFalse();
    }
}
