package io.lanchat.server.access;

import io.netty.util.AttributeKey;

/**
 * Who is on the other end of a connection, for limits and fair scheduling: the access token's user when
 * tokens are configured, else the remote IP address.
 *
 * @param key   stable key for per-client limits ({@code user:NAME} or {@code ip:ADDRESS})
 * @param admin whether this client may administer
 */
public record ClientIdentity(String key, boolean admin) {
    public static final AttributeKey<ClientIdentity> ATTRIBUTE = AttributeKey.valueOf("lanchat.identity");
}
