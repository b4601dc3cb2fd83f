/**
 * Who may connect and how much: the WebSocket upgrade's checks (connection limits, Origin and Host, access
 * tokens), the client's identity, message rate limits, and a cap on log lines about what clients do.
 */
package io.lanchat.server.access;
