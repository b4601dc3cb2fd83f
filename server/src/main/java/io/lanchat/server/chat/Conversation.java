package io.lanchat.server.chat;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryCleared;
import io.lanchat.protocol.ModelList;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ResetRequest;
import io.lanchat.protocol.RetryRequest;
import io.lanchat.server.monitor.OllamaState;
import io.lanchat.server.ollama.OllamaMessage;
import io.lanchat.server.session.ContextWindow;
import io.lanchat.server.session.Session;
import io.lanchat.server.session.Turn;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's conversation: at most one reply in flight, history kept in the session store, and a failed
 * message kept as the session's pending message so {@code retry} can send it again.
 *
 * <p>Confined to the connection's event loop: every method, and every Ollama callback, runs there.
 */
public final class Conversation {
    private static final Logger log = LoggerFactory.getLogger(Conversation.class);

    private final String sessionId;
    private final ChatServices services;
    private final ClientSink sink;
    private Reply reply;
    private Map<String, Object> pendingOptions;

    public Conversation(String sessionId, ChatServices services, ClientSink sink) {
        this.sessionId = sessionId;
        this.services = services;
        this.sink = sink;
    }

    public void chat(ChatRequest request) {
        int length = request.text().length();
        if (length > services.maxMessageChars()) {
            error(request.id(), ErrorCode.MESSAGE_TOO_LONG, "Your message has " + length
                    + " characters; the limit is " + services.maxMessageChars() + ". Shorten it and send it again.",
                    false);
            return;
        }
        if (refuseWhileReplying(request.id())) {
            return;
        }
        services.sessions().update(sessionId, s -> s.withPending(request.text()));
        pendingOptions = request.options();
        start(request.id(), modelOrDefault(request.model()), request.text(), request.options());
    }

    public void retry(RetryRequest request) {
        if (refuseWhileReplying(request.id())) {
            return;
        }
        String pending = services.sessions().find(sessionId).map(Session::pending).orElse(null);
        if (pending == null) {
            error(request.id(), ErrorCode.NOTHING_TO_RETRY, "There is no failed message to send again.", false);
            return;
        }
        start(request.id(), modelOrDefault(request.model()), pending, pendingOptions);
    }

    public void cancel(CancelRequest request) {
        if (reply == null) {
            error(request.id(), ErrorCode.NOTHING_TO_CANCEL, "No reply is being written, so there is nothing to stop.",
                    false);
            return;
        }
        stopReply();
        sink.flush();
    }

    public void reset(ResetRequest request) {
        if (reply != null) {
            stopReply();
        }
        services.sessions().update(sessionId, Session::cleared);
        pendingOptions = null;
        sink.send(new HistoryCleared(request.id()));
        sink.flush();
    }

    public void listModels(String requestId) {
        sink.send(new ModelList(requestId, services.monitor().state().models(), services.defaultModel()));
        sink.flush();
    }

    /** The client can take more: let a paused reply read on. */
    public void writable() {
        if (reply != null && reply.stream != null) {
            reply.stream.resume();
        }
    }

    /** The connection is gone: stop generating (nobody would read it) and forget the session. */
    public void closed() {
        if (reply != null) {
            reply.cancelStream();
            reply = null;
        }
        services.sessions().remove(sessionId);
    }

    private boolean refuseWhileReplying(String requestId) {
        if (reply == null) {
            return false;
        }
        error(requestId, ErrorCode.REPLY_IN_PROGRESS, "A reply is still being written. Wait for it or stop it,"
                + " then send your message again.", false);
        return true;
    }

    private void start(String requestId, String model, String text, Map<String, Object> options) {
        if (services.shuttingDown().getAsBoolean()) {
            error(requestId, ErrorCode.SERVER_SHUTTING_DOWN, "The server is shutting down. Your message is kept;"
                    + " send it again once the server is back.", true);
            return;
        }
        OllamaState ollama = services.monitor().state();
        if (!ollama.status().available()) {
            services.monitor().probeSoon();
            error(requestId, ErrorCode.OLLAMA_UNAVAILABLE, ollama.status().reason()
                    + " Your message is kept; retry it when Ollama is back.", true);
            return;
        }
        if (!ollama.hasModel(model)) {
            services.monitor().probeSoon();
            error(requestId, ErrorCode.MODEL_NOT_FOUND, "Model " + model + " is not installed in Ollama: run `ollama"
                    + " pull " + model + "` on the Ollama machine, or choose an installed model. Your message is kept.",
                    true);
            return;
        }
        List<Turn> history = services.sessions().find(sessionId).map(Session::turns).orElse(List.of());
        ContextWindow window = services.trimmer().window(history, text);
        List<OllamaMessage> messages = window.messages().stream()
                .map(t -> new OllamaMessage(t.role().wireName(), t.content()))
                .toList();
        Reply next = new Reply(this, requestId, model, text, window);
        reply = next;
        var stream = services.ollama().streamChat(sink.eventLoop(), model, messages, options, next, sink::isWritable);
        if (reply == next) {
            next.stream = stream;
        }
    }

    private void stopReply() {
        Reply stopped = reply;
        reply = null;
        stopped.cancelStream();
        services.sessions().recordExchange(sessionId, Turn.user(stopped.userText),
                Turn.cancelledAssistant(stopped.partial()));
        sink.send(new ReplyCancelled(stopped.requestId, stopped.partial()));
    }

    // Called by Reply, on the event loop.

    void finished(Reply finished, Turn assistant) {
        if (reply == finished) {
            reply = null;
            services.sessions().recordExchange(sessionId, Turn.user(finished.userText), assistant);
            pendingOptions = null;
        }
    }

    void failed(Reply failed) {
        if (reply == failed) {
            reply = null;
        }
    }

    ClientSink sink() {
        return sink;
    }

    ChatServices services() {
        return services;
    }

    String sessionId() {
        return sessionId;
    }

    /** Refuses a chat for a reason of policy (e.g. rate limits) but keeps its text for a retry. */
    public void refuse(ChatRequest request, ErrorCode code, String message) {
        if (reply == null) {
            services.sessions().update(sessionId, s -> s.withPending(request.text()));
            pendingOptions = request.options();
        }
        error(request.id(), code, message, reply == null);
    }

    public void error(String requestId, ErrorCode code, String message, boolean retryable) {
        sink.send(new ErrorMessage(requestId, code, message, retryable));
        sink.flush();
    }

    private String modelOrDefault(String model) {
        return model != null ? model : services.defaultModel();
    }

    static Logger log() {
        return log;
    }
}
