package io.lanchat.server.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Makes unguessable session ids: 160 random bits from {@link SecureRandom}, URL-safe Base64. */
public final class SessionIds {
    private static final int BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    public static String next() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
