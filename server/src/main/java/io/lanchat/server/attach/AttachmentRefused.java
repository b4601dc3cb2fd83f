package io.lanchat.server.attach;

/** An upload or a use of an attachment the server will not accept: the HTTP status and a sentence for the user. */
public final class AttachmentRefused extends Exception {
    private final int status;

    public AttachmentRefused(int status, String message) {
        super(message, null, false, false);      // an answer, not a fault: no stack trace to fill
        this.status = status;
    }

    public int status() {
        return status;
    }
}
