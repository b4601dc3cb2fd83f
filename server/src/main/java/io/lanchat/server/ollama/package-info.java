/**
 * A non-blocking Ollama client built on Netty's HTTP codec. Chat replies stream over a connection opened on
 * the caller's event loop with auto-read off, so the next chunk is read only when the browser can take it;
 * cancelling closes that connection, which is how Ollama stops generating.
 */
package io.lanchat.server.ollama;
