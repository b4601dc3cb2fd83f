/**
 * The Netty side: one port for plain HTTP ({@code /healthz}, {@code /metrics}, the page) and the WebSocket at
 * {@code /ws}; the pipeline, deadlines and keepalive, turning frames into protocol messages and back, rejecting
 * bad input, and broadcasting to every client. Access control lives in {@code access}, the page in {@code page}.
 */
package io.lanchat.server.transport;
