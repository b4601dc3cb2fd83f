package io.lanchat.client;

import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ConversationDeleted;
import io.lanchat.protocol.ConversationExport;
import io.lanchat.protocol.ConversationList;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ConversationUpdated;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryCleared;
import io.lanchat.protocol.ModelList;
import io.lanchat.protocol.ServerMessage;
import java.util.HashSet;
import java.util.Set;

/**
 * The interactive chat's hold on its connection: whether requests can go out now, the ids they carry, and the
 * requests whose answer the prompt waits for (so the prompt does not come back before the answer prints). Not
 * thread-safe: owned by the session's thread.
 */
final class SessionLink {
    private final ChatConnection connection;
    // Requests whose answer will print something (models, reset, pull, conversation commands).
    private final Set<String> awaitingAnswer = new HashSet<>();
    private boolean up;     // connected, and not waiting for the answer to a resume: requests can be sent
    private boolean saidHello;
    private int requests;

    SessionLink(ChatConnection connection) {
        this.connection = connection;
    }

    /** A server said hello (maybe only to be resumed before requests can go). */
    void saidHello() {
        saidHello = true;
    }

    /** True once any server has said hello on this session's connection. */
    boolean everConnected() {
        return saidHello;
    }

    /** True while requests can be sent: connected, and any resume answered. */
    boolean up() {
        return up;
    }

    void up(boolean nowUp) {
        up = nowUp;
    }

    /** The connection dropped: the answers awaited will never come. */
    void lost() {
        up = false;
        awaitingAnswer.clear();
    }

    /** Sends whatever the state; false when the connection is down (a Lost event is then on its way). */
    boolean send(ClientMessage request) {
        return connection.send(request);
    }

    /** Sends a request whose answer the prompt waits for; false when not connected. */
    boolean sendAwaitingAnswer(ClientMessage request) {
        if (up && connection.send(request)) {
            awaitingAnswer.add(request.id());
            return true;
        }
        return false;
    }

    String nextId(String prefix) {
        return prefix + ++requests;
    }

    boolean awaitingAnswer() {
        return !awaitingAnswer.isEmpty();
    }

    /** A request was answered for good (a pull: once it is over). */
    void answered(String requestId) {
        awaitingAnswer.remove(requestId);
    }

    /** Lets the prompt come back once the request it waits for is answered; pulls are settled by their report. */
    void answered(ServerMessage frame) {
        if (frame instanceof ModelList list) {
            answered(list.id());
        } else if (frame instanceof HistoryCleared cleared) {
            answered(cleared.id());
        } else if (frame instanceof ConversationList list) {
            answered(list.id());
        } else if (frame instanceof ConversationOpened opened) {
            answered(opened.id());
        } else if (frame instanceof ConversationUpdated updated) {
            answered(updated.id());
        } else if (frame instanceof ConversationDeleted deleted) {
            answered(deleted.id());
        } else if (frame instanceof ConversationExport export) {
            answered(export.id());
        } else if (frame instanceof io.lanchat.protocol.BranchShown branch) {
            answered(branch.id());
        } else if (frame instanceof ErrorMessage error) {
            answered(error.id());
        }
    }
}
