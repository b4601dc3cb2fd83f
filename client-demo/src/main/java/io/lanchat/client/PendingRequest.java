package io.lanchat.client;

import java.nio.file.Path;

/**
 * A conversation request sent and not yet answered: which command it came from, and what showing its answer
 * needs (a delete's description of what goes, an export's file).
 */
sealed interface PendingRequest {
    /** {@code /chats} or {@code /search}, or their next page. */
    record Listing() implements PendingRequest {
    }

    /** {@code /open}: the answer switches this connection. */
    record Open() implements PendingRequest {
    }

    /** {@code /new}: the answer switches this connection to a new conversation. */
    record Create() implements PendingRequest {
    }

    record Rename() implements PendingRequest {
    }

    /**
     * @param conversationId the conversation to delete
     * @param what           how it was named when the user confirmed, e.g. {@code "Trip" (this conversation)}
     */
    record Delete(String conversationId, String what) implements PendingRequest {
    }

    /** @param file where the export goes once it arrives */
    record Export(Path file) implements PendingRequest {
    }

    record Import() implements PendingRequest {
    }

    /** {@code /history}: the open conversation opened again, shown numbered with its versions. */
    record History() implements PendingRequest {
    }
}
