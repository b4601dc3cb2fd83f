package io.lanchat.server.config;

import static java.util.Objects.requireNonNull;

/**
 * One configured access token.
 *
 * @param user  who holds it (for logs and fair scheduling)
 * @param token the secret itself
 * @param admin whether it may administer (e.g. pull models)
 */
public record AccessToken(String user, String token, boolean admin) {
    public AccessToken {
        requireNonNull(user, "user");
        requireNonNull(token, "token");
        if (token.length() < 16) {
            throw new IllegalArgumentException("the access token of " + user + " must be at least 16 characters");
        }
    }

    @Override
    public String toString() {
        return "AccessToken[" + user + (admin ? ", admin" : "") + "]";    // never print the secret
    }
}
