/**
 * Read-only share links: an owner shares a conversation as a snapshot or live; a viewer presenting the link's token
 * gets the conversation and, for a live link, its new messages and replies as they stream (through the
 * conversation's {@link io.lanchat.server.chat.Audiences}, which rooms can build on). Only a hash of each token is
 * stored.
 */
package io.lanchat.server.share;
