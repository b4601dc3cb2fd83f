/**
 * Watches Ollama: a cheap {@code /api/tags} probe on an interval (backing off while Ollama is down), plus what
 * chat requests learn, folded into one availability state and model list whose changes are announced to
 * listeners.
 */
package io.lanchat.server.monitor;
