package io.lanchat.server.attach;

import io.lanchat.server.config.AttachmentSettings;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepts uploads: decodes, checks and scales them on its own small executor (decoding is CPU-heavy and blocking,
 * never for an event loop), then keeps them in the {@link AttachmentStore}. At most {@link #QUEUED} uploads wait;
 * beyond, an upload is refused at once (503) rather than queued without bound, and each gets at most
 * {@link #DEADLINE} before its answer says the server is too busy.
 */
public final class AttachmentProcessor implements AutoCloseable {
    static final int QUEUED = 16;
    static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ImageDecoder images;
    private final AttachmentStore store;
    private final ThreadPoolExecutor executor;

    public AttachmentProcessor(AttachmentSettings settings, AttachmentStore store) {
        this.images = new ImageDecoder(settings.maxImageEdge(), settings.maxImagePixels());
        this.store = store;
        // Two threads at most: decoding a large image takes a core, and the chat's relays need the others.
        int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() / 2));
        AtomicInteger counter = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED), r -> {
                    Thread t = new Thread(r, "attachments-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Turns an upload into an attachment of {@code owner} and keeps it.
     *
     * <p>Completes on the attachment executor (or at once, when refused for being too busy); the caller hops back to
     * its event loop. Fails with {@link AttachmentRefused} for anything the user can fix or retry.
     *
     * @param mediaType the upload's Content-Type without parameters, lower case
     * @param name      the file name the client gave, or null
     */
    public CompletableFuture<Attachment> accept(String owner, String mediaType, String name, byte[] body) {
        CompletableFuture<Attachment> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    Attachment attachment = prepare(owner, mediaType, name, body);
                    store.add(attachment);
                    result.complete(attachment);
                } catch (AttachmentRefused | RuntimeException | OutOfMemoryError e) {
                    result.completeExceptionally(e instanceof AttachmentRefused ? e
                            : new AttachmentRefused(500, "The server could not process the file."));
                }
            });
        } catch (RejectedExecutionException full) {
            result.completeExceptionally(busy());
        }
        return result.orTimeout(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(e instanceof TimeoutException ? busy() : e));
    }

    private Attachment prepare(String owner, String mediaType, String name, byte[] body) throws AttachmentRefused {
        String id = newId();
        if (TextFiles.isText(mediaType)) {
            String text = TextFiles.decode(body);
            return new Attachment(id, owner, AttachmentKind.TEXT, FileNames.clean(name, "attachment.txt"),
                    "text/plain; charset=utf-8", 0, 0, text.getBytes(StandardCharsets.UTF_8));
        }
        if (!mediaType.startsWith("image/")) {
            throw new AttachmentRefused(415, "Attach images (PNG, JPEG, WebP, GIF, BMP) or text files; '"
                    + mediaType + "' is neither.");
        }
        ImageDecoder.Encoded encoded = images.decode(body);
        String extension = encoded.mediaType().equals("image/png") ? ".png" : ".jpg";
        return new Attachment(id, owner, AttachmentKind.IMAGE, FileNames.withExtension(
                FileNames.clean(name, "image"), extension), encoded.mediaType(), encoded.width(), encoded.height(),
                encoded.data());
    }

    private static AttachmentRefused busy() {
        return new AttachmentRefused(503, "The server is busy with other uploads. Try again in a few seconds.");
    }

    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code id} has the shape of an id this server makes (anything else is not looked up). */
    static boolean wellFormedId(String id) {
        return id != null && id.length() == 22 && id.chars().allMatch(c -> (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
