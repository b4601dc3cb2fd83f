package io.lanchat.server.transport;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/** Serves the browser page and its assets. */
final class StaticAssets {

    FullHttpResponse serve(FullHttpRequest request, String path) {
        if (path.equals("/")) {
            return HttpRequestHandler.text(HttpResponseStatus.OK,
                    "LAN Chat server. Connect a WebSocket client to /ws; state at /healthz.\n");
        }
        return HttpRequestHandler.text(HttpResponseStatus.NOT_FOUND, "Not found\n");
    }
}
