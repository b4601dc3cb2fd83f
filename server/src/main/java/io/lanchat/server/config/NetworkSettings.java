package io.lanchat.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Where the server listens and how it keeps connections honest.
 *
 * @param bindAddress   address to listen on
 * @param port          port to listen on; 0 picks a free one (tests)
 * @param pingInterval  a WebSocket ping is sent after each interval in which nothing was read from the client
 *                      (even while a reply streams to it); three silent intervals close the connection
 *                      (half-open detection, proxy idle timeouts)
 * @param shutdownGrace on SIGTERM, how long replies in flight may take to finish before they are cancelled
 * @param transport     Netty's I/O transport: epoll or NIO
 * @param requestTimeout a connection that has not sent a complete HTTP request (or WebSocket upgrade) this long
 *                      after it connected, or after its previous answer, is closed
 */
public record NetworkSettings(String bindAddress, int port, Duration pingInterval, Duration shutdownGrace,
                              IoTransport transport, Duration requestTimeout) {
    public NetworkSettings {
        requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        Checks.positive("pingInterval", pingInterval);
        requireNonNull(shutdownGrace, "shutdownGrace");
        requireNonNull(transport, "transport");
        Checks.positive("requestTimeout", requestTimeout);
    }
}
