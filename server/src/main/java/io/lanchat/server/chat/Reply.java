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

/**
 * One reply streaming from Ollama, turning Ollama's callbacks into protocol frames and keeping every delta,
 * numbered, for clients that resume.
 */
final class Reply implements StreamListener {
    final String requestId;
    final String userText;
    private final Conversation conversation;
    private final String model;
    private final ContextWindow window;
    private final DeltaLog deltas = new DeltaLog();
    ChatStream stream;

    Reply(Conversation conversation, String requestId, String model, String userText, ContextWindow window) {
        this.conversation = conversation;
        this.requestId = requestId;
        this.model = model;
        this.userText = userText;
        this.window = window;
    }

    String model() {
        return model;
    }

    String text() {
        return deltas.text();
    }

    long deltaCount() {
        return deltas.size();
    }

    /** Sends the deltas from {@code seq} on (to a client that resumed). */
    void replayFrom(long seq) {
        for (long i = seq; i < deltas.size(); i++) {
            conversation.send(new TokenDelta(requestId, i, deltas.delta(i)));
        }
    }

    void cancelStream() {
        if (stream != null) {
            stream.cancel();
        }
    }

    void resumeReading() {
        if (stream != null) {
            stream.resume();
        }
    }

    @Override
    public void onStarted() {
        conversation.send(new ReplyStarted(requestId, model, window.messages().size(), window.trimmed()));
    }

    @Override
    public void onDelta(String text) {
        long seq = deltas.append(text);
        conversation.send(new TokenDelta(requestId, seq, text));
    }

    @Override
    public void onBatchEnd() {
        conversation.flush();
    }

    @Override
    public void onDone(String doneReason, ReplyStats stats) {
        conversation.finished(this, Turn.assistant(deltas.text()));
        conversation.send(new ReplyDone(requestId, model, doneReason, stats));
        conversation.flush();
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
        Conversation.log().info("session {}: reply failed ({}): {}", conversation.shortId(), failure.kind(),
                failure.message());
        conversation.error(requestId, codeFor(failure.kind()), failure.message() + " Your message is kept.", true);
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
