package io.lanchat.server;

import io.lanchat.server.config.StorageSettings;
import io.lanchat.server.store.ConversationStore;
import io.lanchat.server.store.ConversationStores;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the conversation store the configuration names (at start, on the main thread: it may block). */
final class StoreOpener {
    private static final Logger log = LoggerFactory.getLogger(StoreOpener.class);

    private StoreOpener() {
    }

    /** The durable store, or null in memory-only mode ({@code --database none}). */
    static ConversationStore open(StorageSettings settings) {
        if (settings.memoryOnly()) {
            log.info("conversations are kept in memory only (--database none): they are lost when the server stops");
            return null;
        }
        ConversationStore store = ConversationStores.open(settings.database(), settings.dataDir(),
                io.lanchat.server.store.StoreSettings.defaults(), new Properties());
        log.info("conversations are kept in {}", "sqlite".equalsIgnoreCase(settings.database())
                ? settings.dataDir().toAbsolutePath().resolve("lanchat.db") : "PostgreSQL");
        return store;
    }
}
