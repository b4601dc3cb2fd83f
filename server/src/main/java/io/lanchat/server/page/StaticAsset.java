package io.lanchat.server.page;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One file of the page, held in memory as sent: its bytes, its gzip form when that is worth having, and an
 * entity tag per form (the two are different representations, so they must not share one).
 *
 * @param gzipped the gzip-compressed bytes, or null when compressing does not pay (images, tiny files)
 */
record StaticAsset(String contentType, String cacheControl, byte[] identity, byte[] gzipped, String etag,
                   String gzipEtag) {
    static final String NO_CACHE = "no-cache";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    static StaticAsset of(byte[] bytes, String contentType, String cacheControl) {
        String tag = Hashes.base64Url(Hashes.sha256(bytes)).substring(0, 22);
        byte[] gzipped = isCompressible(contentType) ? gzip(bytes) : null;
        if (gzipped != null && gzipped.length >= bytes.length * 0.9) {
            gzipped = null;
        }
        return new StaticAsset(contentType, cacheControl, bytes, gzipped, "\"" + tag + "\"", "\"" + tag + "-gz\"");
    }

    private static boolean isCompressible(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("javascript") || type.contains("json")
                || type.contains("svg") || type.contains("xml");
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        // Compressed once, when the server starts, and sent many times: the smallest form is worth the time.
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);    // cannot happen in memory
        }
        return out.toByteArray();
    }

    /** Small digest helpers shared by the asset loader. */
    static final class Hashes {
        private Hashes() {
        }

        static byte[] sha256(byte[] bytes) {
            return digest().digest(bytes);
        }

        static MessageDigest digest() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        static String base64Url(byte[] bytes) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }
}
