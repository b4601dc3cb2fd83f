/**
 * Sessions and their conversations: immutable {@link io.lanchat.server.session.Session} values held in a
 * bounded, expiring Caffeine cache behind {@link io.lanchat.server.session.SessionStore}, and the trimming
 * of history to the budget sent to Ollama.
 */
package io.lanchat.server.session;
