package io.lanchat.server.store;

/** Where a stored message stands. */
public enum MessageState {
    /** A user message that was answered, or a reply written to its end. */
    COMPLETE,
    /** A user message whose reply has not finished: being answered now, or failed and kept for a retry. */
    PENDING,
    /** A reply the user stopped part-way: what reached them. */
    CANCELLED,
    /** A reply cut off because the server stopped (crash, kill) while writing it: what was saved so far. */
    INTERRUPTED
}
