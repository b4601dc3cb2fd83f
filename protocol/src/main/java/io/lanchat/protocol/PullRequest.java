package io.lanchat.protocol;

/**
 * Asks the server to download a model into its Ollama backends ({@code ollama pull}); progress comes as
 * {@link PullProgress} frames. Only for clients allowed to administer: with access tokens configured, an admin
 * token; without, only when the server was started with {@code --allow-pull}.
 *
 * @param id    client-chosen request id; optional
 * @param model the model to pull, e.g. {@code qwen2.5:0.5b}
 */
public record PullRequest(String id, String model) implements ClientMessage {
    public PullRequest {
        Ids.checkId(id);
        if (model == null) {
            throw new IllegalArgumentException("model is required");
        }
        model = ChatRequest.checkModel(model);
    }
}
