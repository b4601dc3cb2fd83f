/**
 * One GPU, many people: the Ollama backends, each watched by its own monitor, and the fair queue that hands
 * their generation slots out fairly across client identities (fewest generations running first, then whoever was
 * served longest ago), reporting each waiting request's place.
 */
package io.lanchat.server.backend;
