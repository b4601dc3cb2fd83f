package io.lanchat.server.ollama;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;

/** One relayed request: method, API path, the client's body as it came, and the timeouts that apply. */
record RelayCall(OllamaEndpoint endpoint, HttpMethod method, String apiPath, byte[] body,
                 Duration firstByteTimeout, Duration idleTimeout) {

    /** A fresh request for the wire; built only once connected, so a failed connect leaks no buffer. */
    FullHttpRequest newRequest(ByteBufAllocator alloc) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method,
                endpoint.path(apiPath), alloc.buffer(body.length).writeBytes(body));
        request.headers()
                .set(HttpHeaderNames.HOST, endpoint.hostHeader())
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.ACCEPT, "application/x-ndjson, application/json")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length);    // HTTP/1.1: kept alive unless Ollama says not
        return request;
    }
}
