package io.lanchat.server.durability;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.RetryRequest;
import io.lanchat.protocol.ServerMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One person chatting without pause on one connection until it drops: a message, its whole reply, the next. A
 * retryable refusal (Ollama not probed yet after a start) is retried after a moment. Remembers the message in
 * flight (sent, no {@code done} yet), which is what a kill can catch.
 */
final class Chatter implements Runnable {
    private static final Duration REPLY_WAIT = Duration.ofSeconds(20);

    private final WsUser user;
    private final String prefix;
    private final boolean firstIsRetry;
    private volatile String inFlight;
    private volatile int answered;
    private volatile int notSaved;
    final List<String> problems = new CopyOnWriteArrayList<>();

    /**
     * @param prefix       starts every message, e.g. {@code "u0 r3"}: tells users and rounds apart in the store
     * @param pendingFirst the text waiting for a retry in the opened conversation, sent first with {@code retry};
     *                     null to start with a new message
     */
    Chatter(WsUser user, String prefix, String pendingFirst) {
        this.user = user;
        this.prefix = prefix;
        this.firstIsRetry = pendingFirst != null;
        this.inFlight = pendingFirst;
    }

    /** The message sent whose reply has not ended, or null. */
    String inFlight() {
        return inFlight;
    }

    int answered() {
        return answered;
    }

    /** How many times the server said it could not save this conversation (its store failing). */
    int notSaved() {
        return notSaved;
    }

    @Override
    public void run() {
        try {
            if (firstIsRetry) {
                exchange("retry", null);
            }
            for (int n = 0; !user.isClosed(); n++) {
                exchange("m" + n, prefix + " m" + n + " " + (n % 3 == 0 ? "tell me a story" : "and then?"));
            }
        } catch (AssertionError | Exception stopped) {
            if (!user.isClosed()) {
                problems.add(prefix + ": " + stopped);
            }
            // else the server was killed under us: that is the test
        }
    }

    /** Sends a chat ({@code text}) or a retry (null), then waits for its end; retries a retryable refusal. */
    private void exchange(String id, String text) throws Exception {
        if (text != null) {
            inFlight = text;
            user.send(new ChatRequest(id, text));
        } else {
            user.send(new RetryRequest(id, null));
        }
        for (int attempt = 0; ; attempt++) {
            ServerMessage end = user.await(f -> {
                if (f instanceof ErrorMessage e && e.code() == ErrorCode.NOT_SAVED) {
                    notSaved++;
                }
                return f instanceof ReplyDone d && id.equals(d.id()) || f instanceof ErrorMessage e && id.equals(e.id());
            }, "the end of " + id, REPLY_WAIT);
            if (end instanceof ReplyDone) {
                inFlight = null;
                answered++;
                return;
            }
            ErrorMessage error = (ErrorMessage) end;
            if (!error.retryable() || attempt >= 50) {
                throw new AssertionError("chat " + id + " (" + inFlight + ") failed: " + error);
            }
            Thread.sleep(100);
            user.send(new RetryRequest(id, null));
        }
    }
}
