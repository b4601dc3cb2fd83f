package io.lanchat.client;

import io.lanchat.protocol.BranchShown;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.EditRequest;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.RegenerateRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.SwitchVersionRequest;
import io.lanchat.protocol.VersionInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The interactive chat's version commands: {@code /regenerate [MODEL]} writes the last reply again, {@code /edit N
 * TEXT} sends a new version of your message N, {@code /version N K} shows version K of message N, and the
 * {@code branch} frames that answer them. A regenerate or edit streams its reply like a chat (through
 * {@link Turns} and {@link MessageFlow}); when it ends the server sends the branch now shown. Message numbers are
 * those {@code /history} shows. Not thread-safe: owned by the session's thread.
 */
final class VersionCommands {
    private final ConsoleRenderer ui;
    private final SessionLink link;
    private final Turns turns;
    private final Resumption resumption;
    /** For each version request in flight, the number of the message it changes (-1: the last one). */
    private final Map<String, Integer> changing = new HashMap<>();

    VersionCommands(ConsoleRenderer ui, SessionLink link, Turns turns, Resumption resumption) {
        this.ui = ui;
        this.link = link;
        this.turns = turns;
        this.resumption = resumption;
    }

    /** Runs the command if it is one of these; false if it is not. */
    boolean run(String name, String argument) {
        switch (name) {
            case "/regenerate" -> regenerate(argument);
            case "/edit" -> edit(argument);
            case "/version" -> switchVersion(argument);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void regenerate(String model) {
        if (model.contains(" ")) {
            ui.info("Usage: /regenerate [MODEL] writes the last reply again (with another model if you name one).");
            return;
        }
        generate(link.nextId("g"), id -> new RegenerateRequest(id, null, model.isEmpty() ? null : model), -1);
    }

    private void edit(String argument) {
        String[] parts = argument.split("\\s+", 2);
        Integer seq = parts.length == 2 ? number(parts[0]) : null;
        if (seq == null || parts[1].isBlank()) {
            ui.info("Usage: /edit N TEXT sends TEXT as a new version of your message N (/history shows the"
                    + " numbers) and writes a new reply; the old version stays (/version).");
            return;
        }
        generate(link.nextId("e"), id -> new EditRequest(id, null, seq, parts[1], null), seq);
    }

    private void switchVersion(String argument) {
        String[] parts = argument.split("\\s+");
        Integer seq = parts.length == 2 ? number(parts[0]) : null;
        Integer version = parts.length == 2 ? number(parts[1]) : null;
        if (seq == null || version == null || version < 1) {
            ui.info("Usage: /version N K shows version K of message N (the branch below it follows).");
            return;
        }
        String id = link.nextId("v");
        if (!link.sendAwaitingAnswer(new SwitchVersionRequest(id, null, seq, version))) {
            ui.info("Not connected; try again when the connection is back.");
            return;
        }
        changing.put(id, seq);
    }

    /** Sends a request that starts a reply, once nothing else is being written; it streams like a chat's. */
    private void generate(String id, java.util.function.Function<String, ClientMessage> request, int seq) {
        if (turns.replying() || turns.hasWaiting()) {
            ui.info("A reply is being written (or a message waits to be sent): try again once it is done.");
            return;
        }
        ClientMessage message;
        try {
            message = request.apply(id);
        } catch (IllegalArgumentException e) {
            ui.info("Cannot send that: " + e.getMessage() + ".");
            return;
        }
        if (!link.up() || !link.send(message)) {
            ui.info("Not connected; try again when the connection is back.");
            return;
        }
        turns.followVersion(id);
        resumption.watch(id);
        changing.put(id, seq);
    }

    /**
     * Shows a {@code branch} frame: the messages from the one that changed on, numbered, with their versions.
     *
     * @return false when the frame is not one
     */
    boolean onFrame(ServerMessage frame) {
        if (!(frame instanceof BranchShown branch)) {
            return false;
        }
        Integer seq = changing.remove(branch.id());
        List<HistoryMessage> history = branch.history();
        int from = seq == null ? 0 : seq >= 0 ? seq : Math.max(0, lastSeq(history));
        for (HistoryMessage m : history) {
            if (m.seq() != null && m.seq() >= from && (seq == null || seq >= 0 || m.versions() != null)) {
                ui.info(numbered(m));
            }
        }
        if (branch.pending() != null) {
            ui.info(ConsoleRenderer.PROMPT + branch.pending() + " (its reply failed; /retry sends it again)");
        }
        return true;
    }

    /** A message as {@code /history} and the version commands show it: number, versions, first line. */
    static String numbered(HistoryMessage m) {
        VersionInfo v = m.versions();
        String text = m.content().strip();
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline) + " …";
        return "#" + m.seq() + ("user".equals(m.role()) ? " you" : " reply") + (v == null ? ""
                : " ‹" + v.index() + "/" + v.count() + "›") + ": " + (first.length() > 100
                ? first.substring(0, 100) + "…" : first);
    }

    private static int lastSeq(List<HistoryMessage> history) {
        HistoryMessage last = history.isEmpty() ? null : history.get(history.size() - 1);
        return last == null || last.seq() == null ? 0 : last.seq();
    }

    private static Integer number(String word) {
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
