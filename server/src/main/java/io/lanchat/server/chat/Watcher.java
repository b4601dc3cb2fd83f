package io.lanchat.server.chat;

import io.lanchat.protocol.ServerMessage;

/**
 * A read-only connection that follows a conversation it does not own (a share link's viewer; later a room's
 * member). It gets the conversation's new questions and replies, never its owner's private frames (errors, resume
 * secrets, queue places). Its methods may be called from the conversation's event loop, which may be another one
 * than the watcher's own channel's; like {@link ClientSink}, they only queue and flush writes.
 */
public interface Watcher {

    /** Whether new messages reach this watcher (false: it only shows a snapshot, and only revocation concerns it). */
    boolean live();

    /** Which grant (share link) lets it watch: revoking that grant closes it. */
    String grantId();

    /** Whether it is a room's member (told the room's queue), not a share link's viewer. */
    default boolean inRoom() {
        return false;
    }

    /** Queues a frame; nothing goes out until {@link #flush()}. */
    void send(ServerMessage message);

    void flush();

    /** False while its outbound buffer is above its high-water mark: deltas wait for it, held by the reply's log. */
    boolean isWritable();

    /** Whether its connection is still open. */
    boolean isOpen();

    /**
     * It fell behind a reply that has ended, or the conversation changed in a way frames cannot tell (a new version
     * of a message): it should be sent the whole conversation again. On the conversation's loop, after the change
     * was recorded.
     */
    void refresh();

    /** Its grant was revoked or the conversation deleted: close it, saying so. */
    void revoked();
}
