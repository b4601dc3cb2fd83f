package io.lanchat.server.access;

import io.netty.util.AttributeKey;

/**
 * Who is on the other end of a connection: for limits and fair scheduling, the access token's user when tokens
 * are configured, else the remote IP address; for conversations, their owner.
 *
 * @param key            stable key for per-client limits ({@code user:NAME} or {@code ip:ADDRESS})
 * @param admin          whether this client may administer
 * @param owner          whose conversations this connection sees ({@code user:NAME}, or {@code key:HASH} of the
 *                       owner key the client presented or was given)
 * @param issuedOwnerKey a new owner key handed to a client that presented none; null otherwise
 */
public record ClientIdentity(String key, boolean admin, String owner, String issuedOwnerKey) {
    public static final AttributeKey<ClientIdentity> ATTRIBUTE = AttributeKey.valueOf("lanchat.identity");
}
