package io.lanchat.protocol;

/**
 * Sends again the user message whose reply failed (the server keeps it after a retryable error),
 * so the user never has to retype it.
 *
 * @param id    client-chosen request id; optional
 * @param model a different model to retry with (e.g. after {@code model_not_found}); optional
 */
public record RetryRequest(String id, String model) implements ClientMessage {
    public RetryRequest {
        Ids.checkId(id);
        model = ChatRequest.checkModel(model);
    }
}
