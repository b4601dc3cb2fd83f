package io.lanchat.server.attach;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanchat.protocol.AttachmentInfo;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;

/** The answers of the attachment endpoints: JSON for uploads and errors, the stored bytes for display. */
final class AttachmentHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AttachmentHttp() {
    }

    static FullHttpResponse uploaded(AttachmentInfo info) {
        return json(HttpResponseStatus.OK, info);
    }

    /** {@code {"error": "..."}} with the status; a client shows the sentence as it is. */
    static FullHttpResponse error(int status, String message) {
        return json(HttpResponseStatus.valueOf(status), Map.of("error", message));
    }

    /**
     * The attachment itself. Its id names one content for ever, so browsers may keep it; {@code nosniff} and a
     * sandboxing policy make sure an uploaded file is never run as a page of this origin.
     */
    static FullHttpResponse content(Attachment attachment) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(attachment.data()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, attachment.mediaType())
                .set(HttpHeaderNames.CACHE_CONTROL, "private, max-age=31536000, immutable")
                .set("X-Content-Type-Options", "nosniff")
                .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox")
                .set(HttpHeaderNames.CONTENT_DISPOSITION, "inline");
        HttpUtil.setContentLength(response, attachment.data().length);
        return response;
    }

    private static FullHttpResponse json(HttpResponseStatus status, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain records always serialise", e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set("X-Content-Type-Options", "nosniff");
        HttpUtil.setContentLength(response, bytes.length);
        return response;
    }
}
