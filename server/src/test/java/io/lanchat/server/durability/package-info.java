/**
 * Fault tests of durable conversations: a real server process killed with SIGKILL while people chat, a store that
 * goes away and comes back (PostgreSQL stopped, a full disk under SQLite), and bad library requests. Real
 * processes and real databases only; every wait has a deadline.
 */
package io.lanchat.server.durability;
