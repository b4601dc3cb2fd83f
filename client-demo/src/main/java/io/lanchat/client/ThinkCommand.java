package io.lanchat.client;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.ThinkMode;
import java.util.Locale;

/**
 * The interactive chat's {@code /think} command: whether thinking models think before they answer the messages
 * that follow, and how much. Sent with each message; the server turns it into what the model takes and never sends
 * it to a model that cannot think. Not thread-safe: owned by the session's thread.
 */
final class ThinkCommand {
    private final ConsoleRenderer ui;
    private final ModelCommands models;
    /** Null: the model's own default (thinking models think). */
    private ThinkMode mode;

    ThinkCommand(ConsoleRenderer ui, ModelCommands models) {
        this.ui = ui;
        this.models = models;
    }

    /** Runs {@code /think}; false for any other command. */
    boolean run(String name, String argument) {
        if (!name.equals("/think")) {
            return false;
        }
        String word = argument.toLowerCase(Locale.ROOT);
        if (word.isEmpty()) {
            ui.info("Thinking: " + (mode == null ? "the model's default" : mode.wireName())
                    + ". Change it with /think on|off|low|medium|high|max, or /think default.");
            return true;
        }
        ThinkMode chosen = ThinkMode.fromWire(word);
        if (chosen == null && !word.equals("default")) {
            ui.info("Unknown thinking setting " + argument + "; use on, off, low, medium, high, max or default.");
            return true;
        }
        mode = chosen;
        ModelInfo current = models.currentInfo();
        String note = current != null && current.capabilities() != null && !current.has("thinking")
                ? " (" + current.name() + " does not think; this applies to thinking models)" : "";
        ui.info("Thinking: " + (mode == null ? "the model's default" : mode.wireName()) + " from now on." + note);
        return true;
    }

    /** The choice to send with a message, or null for the model's default. */
    ThinkMode requested() {
        return mode;
    }
}
