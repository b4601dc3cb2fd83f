package io.lanchat.client;

import io.lanchat.protocol.ClientMessage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the conversation commands and the showing of their answers share: the requests in flight, the last
 * listing (for {@code /open N}), and the open conversation's id and title. Not thread-safe: owned by the
 * session's thread.
 */
final class ConversationRequests {
    private final ConsoleRenderer ui;
    private final SessionLink link;
    private final Supplier<String> conversationId;
    private final Map<String, PendingRequest> pending = new HashMap<>();     // by request id, until answered
    private final ChatListing listing = new ChatListing();
    private final Set<String> deleting = new HashSet<>();                    // conversations we asked to delete
    private String title;                                                     // the open conversation's, when known

    /** @param conversationId the conversation this connection carries, or null */
    ConversationRequests(ConsoleRenderer ui, SessionLink link, Supplier<String> conversationId) {
        this.ui = ui;
        this.link = link;
        this.conversationId = conversationId;
    }

    /** Sends a request whose answer the prompt waits for; says so and returns false when not connected. */
    boolean send(ClientMessage request, PendingRequest kind) {
        if (!link.sendAwaitingAnswer(request)) {
            ui.info("Not connected; try again when the connection is back.");
            return false;
        }
        pending.put(request.id(), kind);
        if (kind instanceof PendingRequest.Delete delete) {
            deleting.add(delete.conversationId());
        }
        return true;
    }

    /**
     * True when this client asked to delete the conversation: the {@code cleared} that moves the connection off it
     * then comes from our delete, whatever its id and whether it comes before or after {@code deleted}.
     */
    boolean deleteSent(String conversationId) {
        return conversationId != null && deleting.contains(conversationId);
    }

    String nextId(String prefix) {
        return link.nextId(prefix);
    }

    /** The request this answers, now answered; null when it answers none of ours. */
    PendingRequest take(String requestId) {
        return requestId == null ? null : pending.remove(requestId);
    }

    /** True while an {@code open} or {@code create} awaits its answer: messages typed meanwhile wait for it. */
    boolean switching() {
        return pending.values().stream()
                .anyMatch(p -> p instanceof PendingRequest.Open || p instanceof PendingRequest.Create
                        || p instanceof PendingRequest.History);
    }

    /** The conversation this connection carries, or null. */
    String conversationId() {
        return conversationId.get();
    }

    ChatListing listing() {
        return listing;
    }

    void title(String openTitle) {
        title = openTitle;
    }

    /** How to name a conversation in a sentence: by its title where known. */
    String describe(String id) {
        if (id.equals(conversationId())) {
            return title == null ? "this conversation" : "\"" + title + "\" (this conversation)";
        }
        return listing.titleOf(id).map(t -> "\"" + t + "\"").orElse("conversation " + id);
    }
}
