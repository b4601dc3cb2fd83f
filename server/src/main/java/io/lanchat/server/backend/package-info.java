/**
 * One GPU, many people: the Ollama backends, each watched by its own monitor, and the fair queue that hands
 * their generation slots out round-robin across client identities, reporting each waiting request's place.
 */
package io.lanchat.server.backend;
