package io.lanchat.standin;

import java.io.IOException;

/** Writing to the client failed: it closed the connection (or the stand-in was stopped under it). */
final class ClientGoneException extends IOException {
    private static final long serialVersionUID = 1L;

    ClientGoneException(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
