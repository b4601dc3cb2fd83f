package io.lanchat.server.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.util.List;

/**
 * Text frames in, {@link ClientMessage}s out; {@link ServerMessage}s in, text frames out. A frame that is not a
 * valid request becomes a {@link RejectedFrame} carrying the error that answers it, and the connection stays
 * open. Stateless, so one instance serves every channel.
 */
@Sharable
final class JsonFrameCodec extends MessageToMessageCodec<TextWebSocketFrame, ServerMessage> {
    private static final ObjectMapper LENIENT = new ObjectMapper();

    @Override
    protected void encode(ChannelHandlerContext ctx, ServerMessage message, List<Object> out) throws IOException {
        ByteBuf buffer = ctx.alloc().buffer();
        try (ByteBufOutputStream stream = new ByteBufOutputStream(buffer)) {
            ProtocolJson.writeServer(stream, message);
        } catch (IOException | RuntimeException e) {
            buffer.release();
            throw e;
        }
        out.add(new TextWebSocketFrame(buffer));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, TextWebSocketFrame frame, List<Object> out) {
        String text = frame.text();
        try {
            out.add(ProtocolJson.readClient(text));
        } catch (JsonProcessingException e) {
            JsonNode tree = treeOrNull(text);
            boolean object = tree != null && tree.isObject();
            String detail = tree != null && !object ? "A frame must be a JSON object with a \"type\" field."
                    : ClientFrameErrors.describe(e);
            ErrorCode code = object ? ClientFrameErrors.code(e) : ErrorCode.BAD_REQUEST;
            ClientMistakes.log(ctx.channel(), "rejected a frame of " + frame.content().readableBytes() + " bytes: "
                    + detail);
            // Answered downstream, where the answer counts against the connection's request allowance.
            out.add(new RejectedFrame(new ErrorMessage(object ? idOf(tree) : null, code, detail, false)));
        }
    }

    private static JsonNode treeOrNull(String text) {
        try {
            return LENIENT.readTree(text);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /** The request id, when the frame has a readable one, so the error can be matched to the request. */
    private static String idOf(JsonNode tree) {
        JsonNode id = tree.get("id");
        return id != null && id.isTextual() && id.asText().length() <= 128 ? id.asText() : null;
    }
}
