/**
 * The reference Java client of the LAN Chat protocol: {@link io.lanchat.client.ClientMain} picks an interactive
 * terminal chat or a scriptable one-shot mode, both talking to the server through
 * {@link io.lanchat.client.ChatConnection}, which wraps the JDK's {@link java.net.http.WebSocket} and reconnects
 * with backoff. Messages are the {@code io.lanchat.protocol} records, read and written with
 * {@link io.lanchat.protocol.ProtocolJson}; nothing here redefines the wire format.
 */
package io.lanchat.client;
