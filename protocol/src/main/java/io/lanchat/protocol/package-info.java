/**
 * The LAN Chat client protocol: JSON text frames over a WebSocket, one sealed root per direction
 * ({@link io.lanchat.protocol.ClientMessage} and {@link io.lanchat.protocol.ServerMessage}).
 * The same types are used by the server and by Java clients; {@link io.lanchat.protocol.ProtocolJson}
 * is the one configured mapper for both. The wire format is documented in {@code protocol/README.md}.
 */
package io.lanchat.protocol;
