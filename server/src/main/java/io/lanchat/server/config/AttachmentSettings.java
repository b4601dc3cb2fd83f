package io.lanchat.server.config;

/**
 * Images and text files uploaded to {@code POST /attachments} and sent with a chat message.
 *
 * @param maxUploadBytes     largest upload body; larger ones are answered 413 before they are held
 * @param maxImagesPerMessage most images one chat message may carry
 * @param maxPendingBytes    most bytes of uploads one user may hold that no message has carried yet; beyond, 429
 * @param memoryBytes        most bytes of attachments the server holds in memory over all users (oldest go first)
 * @param maxImageEdge       longest edge, in pixels, of an image as it goes to the model
 * @param maxImagePixels     largest image accepted, in pixels, read from its header before any decoding
 */
public record AttachmentSettings(int maxUploadBytes, int maxImagesPerMessage, long maxPendingBytes, long memoryBytes,
                                 int maxImageEdge, long maxImagePixels) {
    public AttachmentSettings {
        if (maxUploadBytes < 1024) {
            throw new IllegalArgumentException("--max-attachment-bytes must be at least 1024, was " + maxUploadBytes);
        }
        Checks.positive("--max-images-per-message", maxImagesPerMessage);
        if (maxPendingBytes < maxUploadBytes) {
            throw new IllegalArgumentException("--max-pending-attachment-bytes (" + maxPendingBytes + ") must hold"
                    + " one upload of --max-attachment-bytes (" + maxUploadBytes + ")");
        }
        if (memoryBytes < maxPendingBytes) {
            throw new IllegalArgumentException("--attachment-memory-bytes (" + memoryBytes + ") must be at least"
                    + " --max-pending-attachment-bytes (" + maxPendingBytes + ")");
        }
        if (maxImageEdge < 64 || maxImageEdge > 8192) {
            throw new IllegalArgumentException("--max-image-edge must be 64..8192, was " + maxImageEdge);
        }
        if (maxImagePixels < (long) maxImageEdge * maxImageEdge) {
            throw new IllegalArgumentException("--max-image-pixels must be at least --max-image-edge squared, was "
                    + maxImagePixels);
        }
    }

    /** The defaults, for tests and tools that do not load a configuration. */
    public static AttachmentSettings defaults() {
        return new AttachmentSettings(20 * 1024 * 1024, 4, 64L * 1024 * 1024, 256L * 1024 * 1024, 1536,
                100_000_000L);
    }
}
