package io.lanchat.server;

import io.lanchat.server.config.StoreSettings;
import io.lanchat.server.store.ConversationStore;

/** Opens the conversation store the configuration names (at start, on the main thread: it may block). */
final class StoreOpener {
    private StoreOpener() {
    }

    /** The durable store, or null in memory-only mode ({@code --database none}). */
    static ConversationStore open(StoreSettings settings) {
        if (settings.memoryOnly()) {
            return null;
        }
        throw new UnsupportedOperationException("the JDBC store is not merged yet");
    }
}
