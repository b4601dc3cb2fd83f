package io.lanchat.server.share;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A share link's secret and what the server keeps of it. The token is 256 bits from {@link SecureRandom}, URL-safe
 * Base64 without padding (43 characters). The server stores only its SHA-256: a plain hash is enough because the
 * token is random and long (no dictionary to try, unlike a password), and it means a copy of the database opens no
 * link. The link's public name ({@code shareId}) is the hash's first 16 hex digits, which tells nothing of the token.
 */
public final class ShareTokens {
    /** Characters of a token: 32 bytes in URL-safe Base64 without padding. */
    public static final int TOKEN_LENGTH = 43;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{" + TOKEN_LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShareTokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code token} could be one of ours; anything else is refused before any lookup. */
    public static boolean wellFormed(String token) {
        return token != null && WELL_FORMED.matcher(token).matches();
    }

    /** The SHA-256 of the token, lower-case hex: what the store keys links by. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The link's public name, from its token's hash. */
    public static String shareId(String tokenHash) {
        return tokenHash.substring(0, 16);
    }
}
