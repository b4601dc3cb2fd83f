/**
 * A person's conversations as a library: list, search, open, rename, set up, delete, export and import, over the
 * conversations held in memory and those in the durable store. Never on an event loop: store work completes on
 * the store's threads, and answers are frames the transport writes.
 */
package io.lanchat.server.library;
