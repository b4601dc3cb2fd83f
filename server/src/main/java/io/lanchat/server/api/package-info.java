/**
 * Ollama's own HTTP API on a port of its own, so that editor plugins, scripts and the {@code ollama} command line
 * reach the GPUs through the same door as the chat page: the same fair queue, backends, access tokens and rate
 * limits. Generation requests are relayed to the backend the queue grants, bytes untouched; model listings are
 * combined over the backends; model management is for administrators, and so is {@code GET /api/usage}, this
 * server's own usage table (see {@code io.lanchat.server.usage}).
 */
package io.lanchat.server.api;
