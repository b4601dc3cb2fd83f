package io.lanchat.client;

/** The command line or environment asks for something the client cannot do; the message says what. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
