package io.lanchat.server.monitor;

import io.lanchat.server.ollama.HttpReply;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Answers the monitor's probes in Ollama's place: up or down, with the models the test names, at once or only when
 * the test says so. Counts what it was asked. Used from one test thread.
 */
public final class FakeOllama implements OllamaProbe {
    private boolean up = true;
    private List<String> models = List.of("llama3:8b");
    private Set<String> loaded = Set.of();
    private boolean holding;
    private final List<Runnable> held = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();

    public FakeOllama up(boolean isUp) {
        this.up = isUp;
        return this;
    }

    public FakeOllama models(String... names) {
        this.models = List.of(names);
        return this;
    }

    public FakeOllama loaded(String... names) {
        this.loaded = Set.of(names);
        return this;
    }

    /** Keeps answers back until {@link #answerHeld()}, so a probe stays in flight. */
    public FakeOllama hold() {
        holding = true;
        return this;
    }

    /** Answers every probe held back, as things stand now, and stops holding. */
    public void answerHeld() {
        holding = false;
        List<Runnable> answering = new ArrayList<>(held);
        held.clear();
        answering.forEach(Runnable::run);
    }

    /** Every path asked, in order. */
    public List<String> asked() {
        return asked;
    }

    /** How many {@code /api/tags} probes were started. */
    public long probes() {
        return asked.stream().filter("/api/tags"::equals).count();
    }

    @Override
    public CompletableFuture<HttpReply> get(String apiPath) {
        asked.add(apiPath);
        CompletableFuture<HttpReply> reply = new CompletableFuture<>();
        if (holding) {
            held.add(() -> answer(reply, apiPath));
        } else {
            answer(reply, apiPath);
        }
        return reply;
    }

    private void answer(CompletableFuture<HttpReply> reply, String apiPath) {
        if (!up) {
            reply.completeExceptionally(new ConnectException("Connection refused"));
            return;
        }
        List<String> names = apiPath.equals("/api/ps") ? List.copyOf(loaded) : models;
        String body = names.stream().map(n -> "{\"name\":\"" + n + "\"}")
                .collect(Collectors.joining(",", "{\"models\":[", "]}"));
        reply.complete(new HttpReply(200, body));
    }
}
