package io.lanchat.client;

import io.lanchat.protocol.AvailabilityChanged;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.Hello;
import io.lanchat.protocol.ListModelsRequest;
import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.ModelList;
import io.lanchat.protocol.ModelsChanged;
import io.lanchat.protocol.OllamaStatus;
import io.lanchat.protocol.PullProgress;
import io.lanchat.protocol.PullRequest;
import io.lanchat.protocol.ServerMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The interactive chat's model commands ({@code /models}, {@code /model NAME}, {@code /pull NAME}) and what they
 * rest on: the models the server reported, the one chosen, Ollama's status, and the progress of pulls. Not
 * thread-safe: owned by the session's thread.
 */
final class ModelCommands {
    private final ConsoleRenderer ui;
    private final SessionLink link;
    private final Map<String, PullReport> pulls = new HashMap<>();
    private Hello hello;
    private OllamaStatus ollama;
    private List<ModelInfo> models = List.of();
    private String model;               // chosen with --model or /model; null means the server's default

    ModelCommands(ConsoleRenderer ui, SessionLink link, String model) {
        this.ui = ui;
        this.link = link;
        this.model = model;
    }

    /** Runs the command if it is one of these; false if it is not. */
    boolean run(String name, String argument) {
        switch (name) {
            case "/models" -> {
                if (!link.sendAwaitingAnswer(new ListModelsRequest(link.nextId("m")))) {
                    ui.info("Not connected; the models the server last reported:");
                    ui.modelList(models, hello == null ? null : hello.defaultModel(), currentModel());
                }
            }
            case "/model" -> choose(argument);
            case "/pull" -> pull(argument);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A server said hello: what it has installed, and how Ollama is. */
    void connected(Hello first) {
        hello = first;
        models = first.models();
        ollama = first.ollama();
    }

    /** The connection dropped: a pull goes on, but its progress went to the lost connection. */
    void lost() {
        pulls.clear();
    }

    /** The model to ask for in requests, or null for the server's default. */
    String requested() {
        return model;
    }

    /** What the server said of the model in use; null when it did not list it. */
    ModelInfo currentInfo() {
        String name = model != null ? model : hello == null ? null : hello.defaultModel();
        return models.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }

    /** The model to name on screen. */
    String currentModel() {
        if (model != null) {
            return model;
        }
        return hello == null ? "(the server's default)" : hello.defaultModel();
    }

    OllamaStatus ollama() {
        return ollama;
    }

    /**
     * Shows a frame about models, Ollama or a pull.
     *
     * @param somethingToRetry whether a failed message waits for {@code /retry} (said when Ollama is back)
     * @return false when the frame is about something else
     */
    boolean onFrame(ServerMessage frame, boolean somethingToRetry) {
        if (frame instanceof PullProgress progress && pulls.containsKey(progress.id())) {
            String line = pulls.get(progress.id()).line(progress);
            if (line != null) {
                ui.pullProgress(line);
            }
            pullMaybeOver(progress.id());
        } else if (frame instanceof AvailabilityChanged change) {
            ollama = change.ollama();
            ui.availability(change.ollama(), change.ollama().available() && somethingToRetry);
        } else if (frame instanceof ModelsChanged changed) {
            models = changed.models();
            ui.modelsChanged(models, currentModel());
        } else if (frame instanceof ModelList list) {
            models = list.models();
            ui.modelList(models, list.defaultModel(), currentModel());
        } else {
            return false;
        }
        return true;
    }

    /**
     * Counts an error in its pull's report (a pull over several backends goes on with the others).
     *
     * @return false when the error does not answer a pull
     */
    boolean pullFailed(ErrorMessage error) {
        PullReport pull = pulls.get(error.id());
        if (pull == null) {
            return false;
        }
        pull.failed(error);
        pullMaybeOver(error.id());
        return true;
    }

    private void choose(String name) {
        if (name.isEmpty()) {
            ui.info("In use: " + currentModel() + ".");
            return;
        }
        try {
            model = ClientOptions.checkModel(name);
        } catch (UsageException e) {
            ui.info(e.getMessage());
            return;
        }
        boolean installed = models.stream().anyMatch(m -> m.name().equals(name));
        ui.info("Using " + name + " from now on." + (installed ? ""
                : " (The server did not list it as installed; /models shows the installed ones.)"));
    }

    private void pull(String name) {
        if (name.isEmpty()) {
            ui.info("Usage: /pull NAME, e.g. /pull qwen2.5:0.5b (needs administrator rights on the server).");
            return;
        }
        try {
            ClientOptions.checkModel(name);
        } catch (UsageException e) {
            ui.info(e.getMessage());
            return;
        }
        String id = link.nextId("p");
        if (!link.sendAwaitingAnswer(new PullRequest(id, name))) {
            ui.info("Not connected; try again when the connection is back.");
            return;
        }
        int backends = ollama.backendsUp() == null ? 1 : ollama.backendsUp();
        boolean several = ollama.backendsTotal() != null && ollama.backendsTotal() > 1;
        pulls.put(id, new PullReport(name, backends, several));
        ui.info("Pulling " + name + " ...");
    }

    /** The prompt waits for a pull until every backend has finished or failed. */
    private void pullMaybeOver(String id) {
        if (pulls.get(id).over()) {
            pulls.remove(id);
            link.answered(id);
        }
    }
}
