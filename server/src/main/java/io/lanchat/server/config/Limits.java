package io.lanchat.server.config;

/**
 * Protection against overload and abuse; each limit is answered with a clear error or close code.
 *
 * @param maxFrameBytes                  largest WebSocket message accepted (after joining fragments)
 * @param maxConnections                 most WebSocket connections in total
 * @param maxConnectionsPerAddress       most connections from one client IP address
 * @param messagesPerMinutePerConnection chat and retry requests one connection may send per minute
 * @param messagesPerMinutePerClient     chat and retry requests one client (token or IP address) may send per
 *                                       minute over all its connections
 * @param maxQueue                       most requests waiting for a free Ollama slot; beyond, "busy" errors
 * @param requestsPerMinutePerConnection frames of any kind (requests, malformed frames) one connection may send per
 *                                       minute; each costs an answer the server has to write
 */
public record Limits(int maxFrameBytes, int maxConnections, int maxConnectionsPerAddress,
                     int messagesPerMinutePerConnection, int messagesPerMinutePerClient, int maxQueue,
                     int requestsPerMinutePerConnection) {
    public Limits {
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1024, was " + maxFrameBytes);
        }
        Checks.positive("maxConnections", maxConnections);
        Checks.positive("maxConnectionsPerAddress", maxConnectionsPerAddress);
        Checks.positive("messagesPerMinutePerConnection", messagesPerMinutePerConnection);
        Checks.positive("messagesPerMinutePerClient", messagesPerMinutePerClient);
        Checks.positive("maxQueue", maxQueue);
        Checks.positive("requestsPerMinutePerConnection", requestsPerMinutePerConnection);
    }
}
