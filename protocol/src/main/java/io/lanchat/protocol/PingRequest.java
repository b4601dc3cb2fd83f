package io.lanchat.protocol;

/** Application-level liveness check; answered by {@link Pong}. */
public record PingRequest(String id) implements ClientMessage {
    public PingRequest {
        Ids.checkId(id);
    }
}
