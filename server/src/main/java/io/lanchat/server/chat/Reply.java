package io.lanchat.server.chat;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.protocol.ReplyStats;
import io.lanchat.protocol.TokenDelta;
import io.lanchat.server.ollama.ChatStream;
import io.lanchat.server.ollama.OllamaFailure;
import io.lanchat.server.ollama.StreamListener;
import io.lanchat.server.session.ContextWindow;
import io.lanchat.server.session.Turn;

/** One reply streaming from Ollama to the client, turning Ollama's callbacks into protocol frames. */
final class Reply implements StreamListener {
    final String requestId;
    final String userText;
    private final Conversation conversation;
    private final String model;
    private final ContextWindow window;
    private final StringBuilder partial = new StringBuilder();
    private long seq;
    ChatStream stream;

    Reply(Conversation conversation, String requestId, String model, String userText, ContextWindow window) {
        this.conversation = conversation;
        this.requestId = requestId;
        this.model = model;
        this.userText = userText;
        this.window = window;
    }

    String partial() {
        return partial.toString();
    }

    void cancelStream() {
        if (stream != null) {
            stream.cancel();
        }
    }

    @Override
    public void onStarted() {
        conversation.sink().send(new ReplyStarted(requestId, model, window.messages().size(), window.trimmed()));
    }

    @Override
    public void onDelta(String text) {
        partial.append(text);
        conversation.sink().send(new TokenDelta(requestId, seq++, text));
    }

    @Override
    public void onBatchEnd() {
        conversation.sink().flush();
    }

    @Override
    public void onDone(String doneReason, ReplyStats stats) {
        conversation.finished(this, Turn.assistant(partial.toString()));
        conversation.sink().send(new ReplyDone(requestId, model, doneReason, stats));
        conversation.sink().flush();
    }

    @Override
    public void onFailure(OllamaFailure failure) {
        conversation.failed(this);
        var monitor = conversation.services().monitor();
        if (failure.suggestsOllamaDown()) {
            monitor.reportUnreachable(failure.message());
        } else {
            // A 404 means the model list changed; a dropped stream may mean Ollama died: check now.
            monitor.probeSoon();
        }
        Conversation.log().info("session {}: reply failed ({}): {}", shortId(), failure.kind(), failure.message());
        conversation.error(requestId, codeFor(failure.kind()), failure.message() + " Your message is kept.", true);
    }

    private String shortId() {
        String id = conversation.sessionId();
        return id.substring(0, Math.min(8, id.length()));
    }

    private static ErrorCode codeFor(OllamaFailure.Kind kind) {
        return switch (kind) {
            case UNREACHABLE -> ErrorCode.OLLAMA_UNAVAILABLE;
            case MODEL_NOT_FOUND -> ErrorCode.MODEL_NOT_FOUND;
            case BUSY -> ErrorCode.OLLAMA_BUSY;
            case TIMEOUT -> ErrorCode.OLLAMA_TIMEOUT;
            case ERROR, INCOMPLETE -> ErrorCode.OLLAMA_ERROR;
        };
    }
}
