/**
 * A stand-in for Ollama's HTTP API that reproduces the real wire format (chunked NDJSON streams,
 * late headers, Go-style JSON, real status codes) plus switchable faults, so the chat server can be
 * tested end to end, and demonstrated, without a real Ollama.
 *
 * <p>The entry point for tests is {@link io.lanchat.standin.StandInOllama}; for demos it is
 * {@link io.lanchat.standin.StandInMain}. The behaviour reproduced is the one described in the
 * team's Ollama API fact sheet ({@code ollama-api.md}, sections 1 to 6 and 10), and the kinds of thinking
 * models of Ollama's docs/capabilities/thinking.mdx ({@link io.lanchat.standin.Thinking}).
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver}, which has one blind spot: a handler cannot
 * see its socket, so a client that leaves is only noticed when a write to it fails. See
 * {@link io.lanchat.standin.StandInOllama#cancelledStreams()}.
 */
package io.lanchat.standin;
