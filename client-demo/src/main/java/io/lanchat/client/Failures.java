package io.lanchat.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns the exceptions the JDK's HTTP and WebSocket client throws into short sentences for people. */
final class Failures {

    private Failures() {
    }

    /** Why connecting or sending failed, e.g. "connection refused (is the server running?)". */
    static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof WebSocketHandshakeException handshake) {
            return "the server answered HTTP " + handshake.getResponse().statusCode()
                    + " instead of opening a WebSocket (is the path /ws?)";
        }
        if (cause instanceof ConnectException) {
            return "connection refused (is the server running?)";
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "timed out";
        }
        if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
            return "unknown host";
        }
        if (cause instanceof IOException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** The exception inside the wrappers that futures add. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
