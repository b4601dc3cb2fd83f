/**
 * LAN Chat server: {@link io.lanchat.server.ServerMain} reads the configuration and starts a
 * {@link io.lanchat.server.ChatServer}, which wires the transport, sessions, Ollama client and monitor.
 */
package io.lanchat.server;
