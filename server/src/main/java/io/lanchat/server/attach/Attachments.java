package io.lanchat.server.attach;

import com.github.benmanes.caffeine.cache.Ticker;
import io.lanchat.server.config.AttachmentSettings;
import java.util.concurrent.ForkJoinPool;

/**
 * The attachment services a server shares over all its connections: the limits, the bounded store, and the
 * processor that decodes uploads off the event loops.
 *
 * @param settings  the configured limits
 * @param store     attachments held in memory
 * @param processor decodes and checks uploads
 */
public record Attachments(AttachmentSettings settings, AttachmentStore store, AttachmentProcessor processor)
        implements AutoCloseable {

    /** The services for {@code settings}, on the system clock. */
    public static Attachments create(AttachmentSettings settings) {
        AttachmentStore store = new AttachmentStore(settings.memoryBytes(), settings.maxPendingBytes(),
                Ticker.systemTicker(), ForkJoinPool.commonPool());
        return new Attachments(settings, store, new AttachmentProcessor(settings, store));
    }

    @Override
    public void close() {
        processor.close();
    }
}
