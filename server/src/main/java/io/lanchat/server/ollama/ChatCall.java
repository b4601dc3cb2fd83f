package io.lanchat.server.ollama;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;

/** One {@code /api/chat} call: the encoded body, where it goes, and its timeouts. */
record ChatCall(OllamaEndpoint endpoint, String model, byte[] body, Duration firstTokenTimeout,
                Duration tokenIdleTimeout) {

    /** A fresh request for the wire; built only once connected, so a failed connect leaks no buffer. */
    FullHttpRequest newRequest(ByteBufAllocator alloc) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                endpoint.path("/api/chat"), alloc.buffer(body.length).writeBytes(body));
        request.headers()
                .set(HttpHeaderNames.HOST, endpoint.hostHeader())
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.ACCEPT, "application/x-ndjson")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length);    // HTTP/1.1: kept alive unless Ollama says not
        return request;
    }
}
