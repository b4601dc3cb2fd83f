package io.lanchat.server.library;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.server.store.StoreException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The error frames library requests end in, one sentence each. */
public final class LibraryErrors {
    private static final Logger log = LoggerFactory.getLogger(LibraryErrors.class);

    private LibraryErrors() {
    }

    public static ErrorMessage notFound(String requestId) {
        // The same words for an id that never existed, one deleted, and another owner's: nothing to learn.
        return io.lanchat.server.chat.ConversationErrors.notFound(requestId);
    }

    public static ErrorMessage badRequest(String requestId, String why) {
        return new ErrorMessage(requestId, ErrorCode.BAD_REQUEST, why, false);
    }

    /** The frame for a request whose store work failed. */
    public static ServerMessage failure(String requestId, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof IllegalArgumentException bad) {
            return badRequest(requestId, bad.getMessage());
        }
        if (cause instanceof StoreException || cause instanceof TimeoutException) {
            return new ErrorMessage(requestId, ErrorCode.INTERNAL_ERROR, "Your conversations cannot be reached"
                    + " right now: the server's storage is failing. Try again in a minute.", true);
        }
        log.warn("conversation request failed unexpectedly", cause);
        return new ErrorMessage(requestId, ErrorCode.INTERNAL_ERROR, "The server failed to do that. Try again.",
                true);
    }
}
