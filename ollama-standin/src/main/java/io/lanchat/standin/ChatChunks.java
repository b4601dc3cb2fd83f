package io.lanchat.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds {@code /api/chat} response objects with Ollama's field order and omissions: content
 * chunks carry no metrics, the final object carries {@code done_reason} after {@code done}
 * (v0.12+ order) and the six metrics.
 */
final class ChatChunks {

    static final String MID_STREAM_ERROR = "an error was encountered while running the model";
    static final String RUNNER_STOPPED = "model runner has unexpectedly stopped, this may be due to "
            + "resource limitations or an internal error, check ollama server logs for details";
    /** The runner's {@code errorInputTooLong}, answered with 400 when {@code truncate} is false. */
    static final String INPUT_TOO_LONG = "the input length exceeds the context length";
    static final String SERVER_BUSY = "server busy, please try again.  maximum pending requests exceeded";

    private ChatChunks() {
    }

    /**
     * Final metrics; durations in nanoseconds. All are kept above zero because Ollama omits
     * zero metrics and a stand-in should always exercise the client's metric parsing.
     */
    record Metrics(long totalDuration, long loadDuration, long promptEvalCount,
                   long promptEvalDuration, long evalCount, long evalDuration) {
    }

    static ObjectNode content(String model, String createdAt, String content) {
        ObjectNode node = head(model, createdAt, content);
        node.put("done", false);
        return node;
    }

    /** A reasoning chunk: {@code content} is {@code ""} and {@code message.thinking} follows it. */
    static ObjectNode thinking(String model, String createdAt, String thinking) {
        ObjectNode node = head(model, createdAt, "");
        ((ObjectNode) node.get("message")).put("thinking", thinking);
        node.put("done", false);
        return node;
    }

    /** The final object: {@code content} is {@code ""} when streaming, the whole reply otherwise. */
    static ObjectNode done(String model, String createdAt, String content, Metrics m) {
        return done(model, createdAt, content, "", m);
    }

    /** The final object with the whole reasoning, for {@code stream:false}; an empty one is omitted. */
    static ObjectNode done(String model, String createdAt, String content, String thinking, Metrics m) {
        ObjectNode node = head(model, createdAt, content);
        if (!thinking.isEmpty()) {
            ((ObjectNode) node.get("message")).put("thinking", thinking);
        }
        node.put("done", true);
        node.put("done_reason", "stop");
        node.put("total_duration", m.totalDuration());
        node.put("load_duration", m.loadDuration());
        node.put("prompt_eval_count", m.promptEvalCount());
        node.put("prompt_eval_duration", m.promptEvalDuration());
        node.put("eval_count", m.evalCount());
        node.put("eval_duration", m.evalDuration());
        return node;
    }

    /** The load/unload shortcut answer for an empty {@code messages}: no metrics at all. */
    static ObjectNode shortcut(String model, String createdAt, String doneReason) {
        ObjectNode node = head(model, createdAt, "");
        node.put("done", true);
        node.put("done_reason", doneReason);
        return node;
    }

    private static ObjectNode head(String model, String createdAt, String content) {
        ObjectNode node = GoJson.object();
        node.put("model", model);
        node.put("created_at", createdAt);
        node.putObject("message").put("role", "assistant").put("content", content);
        return node;
    }
}
