/**
 * Sessions and their conversations: immutable {@link io.lanchat.server.session.Session} values held by
 * {@link io.lanchat.server.session.SessionStore} within a budget of characters (live sessions pinned, idle ones in
 * an expiring Caffeine cache weighed by their characters), and the trimming of history to the budget sent to Ollama.
 */
package io.lanchat.server.session;
