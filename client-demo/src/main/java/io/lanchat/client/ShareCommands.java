package io.lanchat.client;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ListSharesRequest;
import io.lanchat.protocol.RevokeShareRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.ShareCreated;
import io.lanchat.protocol.ShareInfo;
import io.lanchat.protocol.ShareList;
import io.lanchat.protocol.ShareRequest;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The interactive chat's share-link commands: {@code /share [live]} shares this conversation read-only (a snapshot,
 * or live), {@code /shares} lists its active links (read-only links and room invites), {@code /unshare ID} revokes
 * one; and the answers to them. A
 * link's token is shown once, in the answer to {@code /share} (the server keeps only its hash). Not thread-safe:
 * owned by the session's thread.
 */
final class ShareCommands {
    private final ConsoleRenderer ui;
    private final SessionLink link;
    private final Supplier<String> conversationId;
    private final URI server;
    /** Our requests awaiting their answer. */
    private final Set<String> pending = new HashSet<>();

    ShareCommands(ConsoleRenderer ui, SessionLink link, Supplier<String> conversationId, URI server) {
        this.ui = ui;
        this.link = link;
        this.conversationId = conversationId;
        this.server = server;
    }

    /** Runs the command if it is one of these; false if it is not. */
    boolean run(String name, String argument) {
        switch (name) {
            case "/share" -> share(argument);
            case "/shares" -> list();
            case "/unshare" -> revoke(argument);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void share(String argument) {
        if (!argument.isEmpty() && !argument.equals("live")) {
            ui.info("Usage: /share shares this conversation as a read-only snapshot; /share live lets viewers"
                    + " follow new messages too.");
            return;
        }
        String id = conversationId.get();
        if (id == null) {
            ui.info("Send a message first: there is no conversation to share yet.");
            return;
        }
        send(new ShareRequest(link.nextId("sh"), id, argument.equals("live")));
    }

    private void list() {
        String id = conversationId.get();
        if (id == null) {
            ui.info("This conversation has no links: it has not begun yet.");
            return;
        }
        send(new ListSharesRequest(link.nextId("sl"), id));
    }

    private void revoke(String argument) {
        RevokeShareRequest request;
        try {
            request = new RevokeShareRequest(link.nextId("sr"), argument);
        } catch (IllegalArgumentException | NullPointerException e) {
            ui.info("Usage: /unshare ID revokes a link; /shares lists their ids (16 hex digits).");
            return;
        }
        send(request);
    }

    private void send(io.lanchat.protocol.ClientMessage request) {
        if (!link.sendAwaitingAnswer(request)) {
            ui.info("Not connected; try again when the connection is back.");
            return;
        }
        pending.add(request.id());
    }

    /** Shows an answer to one of these commands; false when the frame is not one. */
    boolean onFrame(ServerMessage frame) {
        if (frame instanceof ShareCreated created && pending.remove(created.id())) {
            ui.info("* " + (created.share().live() ? "Live" : "Snapshot") + " link, read-only: "
                    + pageUrl(server, created.path()));
            ui.info("  It is shown only now: copy it. /unshare " + created.share().shareId() + " revokes it.");
        } else if (frame instanceof ShareList list && pending.remove(list.id())) {
            if (list.shares().isEmpty()) {
                ui.info("* This conversation has no active links.");
            }
            for (ShareInfo share : list.shares()) {
                ui.info("  " + share.shareId() + "  " + describe(share));
            }
        } else {
            return false;
        }
        return true;
    }

    /** One link of {@code /shares}: what it is (a room's invite tells its rule), since when and until when. */
    static String describe(ShareInfo share) {
        String what = !"room".equals(share.kind()) ? (share.live() ? "live link" : "snapshot link")
                : "room invite" + ("mentioned".equals(share.answers()) ? " (@model only)" : "");
        return String.format("%-26s since %s%s", what, share.createdAt(),
                share.expiresAt() == null ? "" : ", until " + share.expiresAt());
    }

    /** An error answering one of these commands: shows it; false when it answers something else. */
    boolean onError(ErrorMessage error) {
        if (error.id() == null || !pending.remove(error.id())) {
            return false;
        }
        if (error.code() == ErrorCode.NOT_FOUND) {
            ui.info("No such link or conversation of yours (/shares lists this conversation's links).");
        } else {
            ui.error(error);
        }
        return true;
    }

    /** The page's address of a link: the chat's ws(s) address turned into http(s), with the link's path. */
    static String pageUrl(URI server, String path) {
        String scheme = "wss".equalsIgnoreCase(server.getScheme()) ? "https" : "http";
        return scheme + "://" + server.getRawAuthority() + path;
    }
}
