package io.lanchat.client;

import io.lanchat.protocol.Hello;
import io.lanchat.protocol.ServerMessage;
import java.time.Duration;

/**
 * What a {@link ChatConnection} reports to its owner, in order: {@code Connected}, then frames, then perhaps
 * {@code Lost} followed by {@code Retrying}... and either {@code Connected} again or {@code GaveUp}; or
 * {@code TakenOver}, after which nothing follows.
 */
public sealed interface ConnectionEvent {

    /**
     * The server said hello: requests can be sent now.
     *
     * @param hello       the server's hello frame
     * @param reconnected true when an earlier connection was lost; the server gave this one a new session,
     *                    so send {@code resume} first to take the earlier one back (see {@link Resumption})
     */
    record Connected(Hello hello, boolean reconnected) implements ConnectionEvent {
    }

    /** A server frame other than the connection's hello. Frames of unknown types are never reported. */
    record Received(ServerMessage frame) implements ConnectionEvent {
    }

    /** An open connection dropped; reconnecting starts at once. */
    record Lost(String reason) implements ConnectionEvent {
    }

    /** Connection attempt {@code attempt} failed; the next one follows after {@code delay}. */
    record Retrying(int attempt, int maxAttempts, Duration delay, String reason) implements ConnectionEvent {
    }

    /**
     * Another connection resumed this connection's session (close code 4001), usually the same conversation
     * opened elsewhere. The connection stays down: reconnecting and resuming would take the session back, and the
     * two clients would take turns closing each other.
     */
    record TakenOver(String reason) implements ConnectionEvent {
    }

    /** The last allowed attempt failed; the connection stays down. */
    record GaveUp(int attempts, String reason) implements ConnectionEvent {
    }

    /** Something odd but harmless (e.g. an unreadable frame, which is skipped), for a diagnostic line. */
    record Notice(String text) implements ConnectionEvent {
    }
}
