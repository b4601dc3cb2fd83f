/**
 * The Netty side: one port for plain HTTP ({@code /healthz}, the page) and the WebSocket at {@code /ws};
 * turning frames into protocol messages and back, rejecting bad input, and broadcasting to every client.
 */
package io.lanchat.server.transport;
