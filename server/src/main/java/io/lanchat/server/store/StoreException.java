package io.lanchat.server.store;

/** A store operation failed: the database is unreachable, full, read-only, too slow or too busy. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
