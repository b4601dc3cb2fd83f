/**
 * Tests of what an administrator does with the conversation store outside one server: several server processes on
 * one PostgreSQL behind nginx, online backups restored into a new server, and retention. Real processes, a real
 * nginx, a real SQLite file and a real PostgreSQL cluster; every wait has a deadline. docs/storage.md describes
 * exactly what these tests run.
 */
package io.lanchat.server.multi;
