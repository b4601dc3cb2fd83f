package io.lanchat.server.attach;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The attachments the server holds in memory, bounded by bytes over all users ({@code --attachment-memory-bytes})
 * and, for uploads no message has carried yet, per user ({@code --max-pending-attachment-bytes}). An upload no
 * message names within {@link #UNSENT_LIFETIME} is dropped; one a message carried stays (for a retry and for
 * display) until the byte bound pushes it out, oldest first.
 *
 * <p>Thread-safe: uploads are added from the attachment executor, messages claim them on event loops.
 */
public final class AttachmentStore {
    static final Duration UNSENT_LIFETIME = Duration.ofHours(1);
    private static final Duration SENT_LIFETIME = Duration.ofDays(1);

    /** @param conversation the conversation whose message carried it; null while unsent */
    private record Held(Attachment attachment, boolean sent, String conversation) {
    }

    private final Cache<String, Held> held;
    private final Map<String, Long> pendingBytes = new ConcurrentHashMap<>();
    private final long maxPendingBytes;

    public AttachmentStore(long memoryBytes, long maxPendingBytes, Ticker ticker, Executor executor) {
        this.maxPendingBytes = maxPendingBytes;
        this.held = Caffeine.newBuilder()
                .maximumWeight(memoryBytes)
                .weigher((String id, Held h) -> Math.max(1, h.attachment().data().length))
                .expireAfter(new com.github.benmanes.caffeine.cache.Expiry<String, Held>() {
                    @Override
                    public long expireAfterCreate(String id, Held h, long now) {
                        return (h.sent() ? SENT_LIFETIME : UNSENT_LIFETIME).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String id, Held h, long now, long remaining) {
                        return expireAfterCreate(id, h, now);
                    }

                    @Override
                    public long expireAfterRead(String id, Held h, long now, long remaining) {
                        return remaining;
                    }
                })
                .removalListener((String id, Held h, RemovalCause cause) -> {
                    if (h != null && !h.sent() && cause != RemovalCause.REPLACED) {
                        unpend(h.attachment());
                    }
                })
                .ticker(ticker)
                .executor(executor)
                .build();
    }

    /**
     * Keeps a new upload of its owner, unless that owner already holds too many bytes no message has carried.
     *
     * @throws AttachmentRefused 429 naming the limit
     */
    public void add(Attachment attachment) throws AttachmentRefused {
        long size = attachment.data().length;
        boolean[] fits = {false};
        pendingBytes.compute(attachment.owner(), (owner, bytes) -> {
            long now = bytes == null ? 0 : bytes;
            if (now + size > maxPendingBytes) {
                return bytes;
            }
            fits[0] = true;
            return now + size;
        });
        if (!fits[0]) {
            throw new AttachmentRefused(429, "You have " + mib(pendingBytes.getOrDefault(attachment.owner(), 0L))
                    + " MiB of attachments not sent yet; the limit is " + mib(maxPendingBytes) + " MiB. Send a"
                    + " message with them, or wait an hour for unsent ones to be dropped.");
        }
        held.put(attachment.id(), new Held(attachment, false, null));
    }

    /** The attachment {@code id} when {@code owner} uploaded it and it is still held; empty otherwise. */
    public Optional<Attachment> find(String owner, String id) {
        Held h = id == null ? null : held.getIfPresent(id);
        return h != null && h.attachment().owner().equals(owner) ? Optional.of(h.attachment()) : Optional.empty();
    }

    /**
     * The attachments a message names, in its order, marked as carried by a message (so they no longer count
     * against the owner's unsent bytes).
     *
     * @throws AttachmentRefused naming the first id that is unknown, dropped, or someone else's (one answer for all
     *                           three, so ids of others cannot be probed)
     */
    public List<Attachment> claim(String owner, List<String> ids) throws AttachmentRefused {
        return claim(owner, ids, null);
    }

    /** As {@link #claim(String, List)}, for a message of {@code conversation} (forgotten with it). */
    public List<Attachment> claim(String owner, List<String> ids, String conversation) throws AttachmentRefused {
        List<Attachment> found = new ArrayList<>(ids.size());
        for (String id : ids) {
            found.add(find(owner, id).orElseThrow(() -> new AttachmentRefused(404, "Attachment " + id + " is not"
                    + " here: it was never uploaded by you, or was dropped (unsent for an hour, or the server"
                    + " restarted). Attach the file again.")));
        }
        for (Attachment a : found) {
            held.asMap().computeIfPresent(a.id(), (id, h) -> {
                if (!h.sent()) {
                    unpend(h.attachment());
                }
                return new Held(h.attachment(), true, conversation != null ? conversation : h.conversation());
            });
        }
        return found;
    }

    /** Keeps an attachment a stored message carries (read back from the database), for display and retries. */
    public void keepSent(Attachment attachment) {
        held.asMap().putIfAbsent(attachment.id(), new Held(attachment, true, null));
    }

    /** Forgets the attachments messages of {@code conversation} carried (it was deleted). */
    public void forgetConversation(String conversation) {
        held.asMap().values().removeIf(h -> conversation.equals(h.conversation()));
    }

    /** Bytes of uploads {@code owner} holds that no message has carried yet. */
    public long pendingBytes(String owner) {
        return pendingBytes.getOrDefault(owner, 0L);
    }

    void cleanUp() {
        held.cleanUp();
    }

    private void unpend(Attachment a) {
        pendingBytes.computeIfPresent(a.owner(), (owner, bytes) -> {
            long left = bytes - a.data().length;
            return left <= 0 ? null : left;
        });
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
