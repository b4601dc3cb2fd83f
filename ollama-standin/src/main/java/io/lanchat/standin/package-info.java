/**
 * A stand-in for Ollama's HTTP API that reproduces the real wire format (chunked NDJSON streams,
 * late headers, Go-style JSON, real status codes) plus switchable faults, so the chat server can be
 * tested end to end, and demonstrated, without a real Ollama.
 *
 * <p>The entry point for tests is {@link io.lanchat.standin.StandInOllama}; for demos it is
 * {@link io.lanchat.standin.StandInMain}. The behaviour reproduced is described in
 * {@code /work/shared/ollama-api.md}; everything here is written against that fact sheet.
 */
package io.lanchat.standin;
