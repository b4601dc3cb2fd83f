package io.lanchat.reliability;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.Hello;
import io.lanchat.protocol.HistoryCleared;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ResetRequest;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.Resumed;
import io.lanchat.protocol.RetryRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.TokenDelta;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/**
 * A well-behaved user's connection, as the protocol document tells a client to behave: keeps its session id and
 * secret from the first {@code hello}, assembles replies by {@code seq} (checking there are no gaps), answers
 * pings, and after a drop reconnects and resumes with the last {@code seq} it has.
 */
final class ChatClient implements AutoCloseable {
    /** How a watched reply ended (or why watching it stopped). */
    enum End { DONE, ERROR, CANCELLED, DROPPED, CLOSED, TIMEOUT, BROKEN }

    /** The outcome of watching a reply; {@code code} and {@code retryable} only for ERROR, {@code why} for BROKEN. */
    record Outcome(End end, String code, boolean retryable, String why) {
        static Outcome of(End end) {
            return new Outcome(end, null, false, null);
        }
    }

    /** The reply being watched: its request id, the next seq expected and the text so far. */
    static final class Reply {
        String id;
        long nextSeq;
        final StringBuilder text = new StringBuilder();

        Reply(String id) {
            this.id = id;
        }
    }

    private final InetSocketAddress server;
    private final InetAddress source;
    private final int readTimeoutMillis;
    private RawWebSocket ws;
    String sessionId;
    String secret;

    ChatClient(InetSocketAddress server, InetAddress source, int readTimeoutMillis) {
        this.server = server;
        this.source = source;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Opens a connection and reads its {@code hello}; the first one's session is this user's session. */
    Hello connect() throws IOException {
        ws = RawWebSocket.open(server, source, 0, readTimeoutMillis);
        ServerMessage first = next();
        if (!(first instanceof Hello hello)) {
            throw new IOException("the first frame was not hello but " + first);
        }
        if (sessionId == null) {
            sessionId = hello.sessionId();
            secret = hello.resumeSecret();
        }
        return hello;
    }

    void chat(String id, String text) throws IOException {
        ws.sendText(ProtocolJson.writeClient(new ChatRequest(id, text)));
    }

    void retry(String id) throws IOException {
        ws.sendText(ProtocolJson.writeClient(new RetryRequest(id, null)));
    }

    /** Sends {@code reset} and waits for {@code cleared}; false if it did not come. */
    boolean reset(String id) throws IOException {
        ws.sendText(ProtocolJson.writeClient(new ResetRequest(id)));
        while (true) {
            ServerMessage m = next();
            if (m == null || m instanceof HistoryCleared) {
                return m != null;
            }
        }
    }

    /** Sends {@code resume} for this user's session and returns the answer (Resumed or ErrorMessage). */
    ServerMessage resume(String id, Reply watching) throws IOException {
        ws.sendText(ProtocolJson.writeClient(new ResumeRequest(id, sessionId, secret,
                watching == null ? null : watching.id, watching == null ? null : watching.nextSeq - 1)));
        while (true) {
            ServerMessage m = next();
            if (m == null || m instanceof Resumed || (m instanceof ErrorMessage e && id.equals(e.id()))) {
                return m;
            }
        }
    }

    /**
     * Reads frames until the reply ends; with {@code dropAfter} >= 0, stops watching (returns DROPPED) once that
     * many tokens of it have arrived, so the caller can drop the connection mid-reply.
     */
    Outcome await(Reply reply, int dropAfter, long deadlineNanos) {
        int tokens = 0;
        try {
            while (true) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return Outcome.of(End.TIMEOUT);
                }
                ws.setReadTimeout((int) Math.max(1, Math.min(readTimeoutMillis, left / 1_000_000)));
                ServerMessage m = next();
                if (m == null) {
                    return Outcome.of(End.CLOSED);
                }
                if (m instanceof TokenDelta t && reply.id.equals(t.id())) {
                    if (t.seq() != reply.nextSeq) {
                        return new Outcome(End.BROKEN, null, false, "seq " + t.seq() + " where " + reply.nextSeq
                                + " was due");
                    }
                    reply.text.append(t.text());
                    reply.nextSeq++;
                    if (++tokens == dropAfter) {
                        return Outcome.of(End.DROPPED);
                    }
                } else if (m instanceof ReplyDone d && reply.id.equals(d.id())) {
                    return Outcome.of(End.DONE);
                } else if (m instanceof ErrorMessage e && reply.id.equals(e.id())) {
                    return new Outcome(End.ERROR, e.code().wireName(), e.retryable(), e.message());
                } else if (m instanceof ReplyCancelled c && reply.id.equals(c.id())) {
                    return Outcome.of(End.CANCELLED);
                } else if (m instanceof TokenDelta || m instanceof ReplyDone || m instanceof ReplyCancelled) {
                    return new Outcome(End.BROKEN, null, false, "a reply frame for another id: " + m);
                }
                // phase, started, availability, models_changed: nothing to check
            }
        } catch (SocketTimeoutException e) {
            return Outcome.of(End.TIMEOUT);
        } catch (JsonProcessingException e) {
            return new Outcome(End.BROKEN, null, false, "unreadable server frame: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new Outcome(End.CLOSED, null, false, String.valueOf(e));
        }
    }

    /** The next server frame (null when the server closed); unknown frame types are skipped. */
    private ServerMessage next() throws IOException {
        while (true) {
            String text = ws.readText();
            if (text == null) {
                return null;
            }
            ServerMessage m = ProtocolJson.readServer(text);
            if (m != null) {
                return m;
            }
        }
    }

    /** Drops the connection without a close frame (the session stays on the server for a resume). */
    void drop() {
        if (ws != null) {
            ws.close();
        }
    }

    @Override
    public void close() {
        drop();
    }
}
