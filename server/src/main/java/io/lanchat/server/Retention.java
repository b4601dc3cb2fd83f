package io.lanchat.server;

import io.lanchat.server.store.ConversationStore;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --retention}: deletes conversations untouched for longer, a minute after start and then every hour. */
final class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private Retention() {
    }

    static void schedule(ConversationStore store, Duration retention, EventExecutor executor) {
        // The store works on its own threads: the loop only starts the delete and logs its outcome.
        executor.scheduleAtFixedRate(() -> store.deleteUntouchedSince(Instant.now().minus(retention))
                .whenComplete((deleted, failure) -> {
                    if (failure != null) {
                        log.warn("retention: could not delete old conversations: {}", failure.getMessage());
                    } else if (deleted > 0) {
                        log.info("retention: deleted {} conversations untouched for {}", deleted, retention);
                    }
                }), 1, 60, TimeUnit.MINUTES);
    }
}
