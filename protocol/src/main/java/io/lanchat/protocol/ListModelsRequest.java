package io.lanchat.protocol;

/** Asks for the models installed in Ollama; answered by {@link ModelList}. */
public record ListModelsRequest(String id) implements ClientMessage {
    public ListModelsRequest {
        Ids.checkId(id);
    }
}
