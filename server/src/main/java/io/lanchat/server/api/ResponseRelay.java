package io.lanchat.server.api;

import io.lanchat.server.ollama.OllamaFailure;
import io.lanchat.server.ollama.Relay;
import io.lanchat.server.ollama.RelayListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Writes Ollama's response to the API client as it arrives: the same status and content type, then the body's
 * bytes as read (no parsing, no re-encoding). Reading from Ollama pauses while the client's connection is not
 * writable, so a client that stops reading holds at most its channel's buffer, not the whole answer.
 *
 * <p>A failure before the head becomes a {@code {"error":...}} answer; one in the middle of an NDJSON stream
 * becomes one more {@code {"error":...}} line, as Ollama itself ends a stream that fails. Confined to the client's
 * event loop.
 */
final class ResponseRelay implements RelayListener, InFlight {
    private final ApiCall call;
    private Relay relay;
    private boolean headWritten;
    private boolean ndjson;
    private boolean ended;

    ResponseRelay(ApiCall call) {
        this.call = call;
    }

    /** The relay this writes for; set right after it was opened (its first callback comes later). */
    void relay(Relay relay) {
        this.relay = relay;
    }

    boolean headWritten() {
        return headWritten;
    }

    @Override
    public void onHead(HttpResponse head) {
        HttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, head.status());
        String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type != null) {
            out.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
            ndjson = type.startsWith("application/x-ndjson");
        }
        if (HttpUtil.isContentLengthSet(head)) {
            HttpUtil.setContentLength(out, HttpUtil.getContentLength(head, 0L));
        } else {
            HttpUtil.setTransferEncodingChunked(out, true);
        }
        HttpUtil.setKeepAlive(out, call.keepAlive());
        headWritten = true;
        call.ctx().write(out);
    }

    @Override
    public void onContent(ByteBuf content) {
        call.ctx().write(new DefaultHttpContent(content));
        if (!call.ctx().channel().isWritable()) {
            call.ctx().flush();
            if (!call.ctx().channel().isWritable()) {
                relay.pause();
            }
        }
    }

    @Override
    public void onBatchEnd() {
        call.ctx().flush();
    }

    @Override
    public void onEnd() {
        finish(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    @Override
    public void onFailure(OllamaFailure failure) {
        if (!headWritten) {
            ApiReplies.error(call.ctx(), call.keepAlive(), statusFor(failure), failure.message());
            ended = true;
            call.finished().run();
        } else if (ndjson) {
            byte[] line = ApiReplies.errorBody(failure.message());
            ByteBuf bytes = Unpooled.buffer(line.length + 1).writeBytes(line).writeByte('\n');
            finish(new io.netty.handler.codec.http.DefaultLastHttpContent(bytes));
        } else {
            ended = true;
            call.ctx().close();         // a one-object answer cut short: the client must not take it as whole
            call.finished().run();
        }
    }

    private void finish(LastHttpContent last) {
        ended = true;
        var written = call.ctx().writeAndFlush(last);
        if (!call.keepAlive()) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        call.finished().run();
    }

    @Override
    public void clientGone() {
        if (!ended && relay != null) {
            ended = true;
            relay.cancel();
        }
    }

    @Override
    public void writable() {
        if (!ended && relay != null) {
            relay.resume();
        }
    }

    /** The status of an answer Ollama never started: a gateway's, as a proxy in front of Ollama answers. */
    static HttpResponseStatus statusFor(OllamaFailure failure) {
        return switch (failure.kind()) {
            case TIMEOUT -> HttpResponseStatus.GATEWAY_TIMEOUT;
            case BUSY -> HttpResponseStatus.SERVICE_UNAVAILABLE;
            default -> HttpResponseStatus.BAD_GATEWAY;
        };
    }
}
