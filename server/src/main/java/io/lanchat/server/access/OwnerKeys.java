package io.lanchat.server.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Owner keys: the secret a client keeps (without access tokens) that its conversations belong to. A key is 256
 * random bits in base64url (43 characters). The server never stores a key, only its SHA-256 in the owner id
 * ({@code key:HEX}), so a copy of the database does not hand out anyone's chats.
 */
public final class OwnerKeys {
    /** The query parameter a client presents its key in. */
    public static final String PARAMETER = "owner_key";
    /** The header a client (that can set headers) presents its key in. */
    public static final String HEADER = "X-Owner-Key";
    static final int KEY_LENGTH = 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnerKeys() {
    }

    /** A new random key. */
    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code key} has the shape of a key this server issues (anything else is replaced by a new one). */
    public static boolean wellFormed(String key) {
        if (key == null || key.length() != KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The owner id conversations of {@code key} are stored under. */
    public static String ownerOf(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
            return "key:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The owner id of an access token's user. */
    public static String ownerOfUser(String user) {
        return "user:" + user;
    }
}
