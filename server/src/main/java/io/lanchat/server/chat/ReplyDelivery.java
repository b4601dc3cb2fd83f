package io.lanchat.server.chat;

import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.ThinkingDelta;
import io.lanchat.protocol.TokenDelta;

/**
 * Hands one reply to its client at the client's speed. Ollama is read at its own speed into the reply's log (GPU
 * time is what is scarce, not this server's memory, and the log is bounded); this sends the log on only while the
 * client's connection can take more, and picks up again when it can, or when a client resumes from the number it
 * asks for. The frame that ends the reply goes out after the last delta. Reasoning goes out as {@code thinking}
 * frames, and where the answer follows reasoning a {@code phase generating} frame comes first, in its place in the
 * stream (also when replayed).
 *
 * <p>Confined to the conversation's event loop.
 */
final class ReplyDelivery {
    private final DeliveryTarget conversation;
    private final String requestId;
    private final DeltaLog deltas;
    /** The next delta to send. */
    private long next;
    /** The frame that ends the reply, once generation ended; sent after every delta. */
    private ServerMessage ending;
    private boolean complete;

    ReplyDelivery(DeliveryTarget conversation, String requestId, DeltaLog deltas) {
        this.conversation = conversation;
        this.requestId = requestId;
        this.deltas = deltas;
    }

    /**
     * Sends whatever the client can take now. Flushes when {@code flush} is set or the reply ended; a batch of
     * deltas from Ollama is flushed once, at its end.
     *
     * @return true when the last frame went out now
     */
    boolean pump(boolean flush) {
        if (complete || !conversation.isAttached()) {
            return false;
        }
        while (next < deltas.size() && conversation.clientWritable()) {
            if (deltas.isThinking(next)) {
                conversation.send(new ThinkingDelta(requestId, next, deltas.delta(next)));
            } else {
                if (next > 0 && deltas.isThinking(next - 1)) {
                    conversation.send(ReplyPhase.of(requestId, ReplyPhase.Phase.GENERATING));   // thought; now answers
                }
                conversation.send(new TokenDelta(requestId, next, deltas.delta(next)));
            }
            next++;
        }
        if (next == deltas.size() && ending != null) {
            complete = true;
            conversation.send(ending);
            conversation.flush();
            return true;
        }
        if (flush) {
            conversation.flush();
        }
        return false;
    }

    /** Generation ended: {@code last} follows the last delta. */
    boolean end(ServerMessage last) {
        ending = last;
        return pump(true);
    }

    /** A client resumed: send again from {@code seq}, which is at most {@link DeltaLog#size()}. */
    boolean restartFrom(long seq) {
        next = seq;
        complete = false;
        return pump(true);
    }

    /** Whether the frame that ends the reply went out. */
    boolean complete() {
        return complete;
    }

    /** The reply's text as far as it was handed to a client (what the user may have seen). */
    String deliveredText() {
        return deltas.textBefore(next);
    }

    /** The reply's reasoning as far as it was handed to a client. */
    String deliveredThinking() {
        return deltas.thinkingBefore(next);
    }
}
