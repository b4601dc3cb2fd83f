package io.lanchat.server.chat;

import io.lanchat.protocol.AttachmentInfo;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.server.attach.Attachment;
import io.lanchat.server.session.PendingMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The images a message goes to Ollama with: from memory, or, once they left it (a retry after a restart, or much
 * later), read back from the conversation store. Confined to the conversation's event loop; the store's answers
 * are handed back to it.
 */
final class ReplyImages {
    static final long READ_BACK_SECONDS = 30;

    private final Conversation conversation;
    private final ChatServices services;

    ReplyImages(Conversation conversation, ChatServices services) {
        this.conversation = conversation;
        this.services = services;
    }

    /**
     * Calls {@code then} with the message's images, or answers an error when one is gone for good.
     *
     * @param done runs on the conversation's loop once a read-back is over (before {@code then}); not when this
     *             returns false
     * @return true when the images are being read back ({@code then} runs later); false when all were in memory
     *         and {@code then} (or the error) has already run
     */
    boolean fetch(String requestId, PendingMessage message, String owner, Runnable done,
                  Consumer<List<Attachment>> then) {
        List<CompletableFuture<Optional<Attachment>>> images = new ArrayList<>();
        boolean allHeld = true;
        for (AttachmentInfo info : message.images()) {
            Optional<Attachment> held = services.attachments().store().find(owner, info.id());
            allHeld &= held.isPresent();
            images.add(held.isPresent() ? CompletableFuture.completedFuture(held)
                    : services.saver().loadAttachment(owner, info.id()).thenApply(found -> found.map(Attachment::of)));
        }
        if (allHeld) {
            deliver(requestId, message, images, then);
            return false;
        }
        CompletableFuture.allOf(images.toArray(CompletableFuture[]::new)).orTimeout(READ_BACK_SECONDS, TimeUnit.SECONDS)
                .whenComplete((ignored, failure) -> conversation.execute(() -> {   // the store's thread: hop back
                    done.run();
                    if (services.sessions().find(conversation.sessionId()).isEmpty()) {
                        return;                         // deleted meanwhile
                    }
                    if (failure != null) {
                        conversation.error(requestId, ErrorCode.NOT_SAVED, "The message's images could not be read"
                                + " back just now. Send it again in a moment.", true);
                        return;
                    }
                    deliver(requestId, message, images, then);
                }));
        return true;
    }

    private void deliver(String requestId, PendingMessage message, List<CompletableFuture<Optional<Attachment>>> loaded,
                         Consumer<List<Attachment>> then) {
        List<Attachment> found = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            Attachment image = loaded.get(i).join().orElse(null);      // complete by now
            if (image == null) {
                conversation.error(requestId, ErrorCode.ATTACHMENT_NOT_FOUND, "The image "
                        + message.images().get(i).name() + " is no longer kept by the server. Attach it again.",
                        false);
                return;
            }
            found.add(image);
        }
        then.accept(found);
    }
}
