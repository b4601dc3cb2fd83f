package io.lanchat.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ConversationDeleted;
import io.lanchat.protocol.ConversationExport;
import io.lanchat.protocol.ConversationList;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ConversationSummary;
import io.lanchat.protocol.ConversationUpdated;
import io.lanchat.protocol.CreateConversationRequest;
import io.lanchat.protocol.DeleteConversationRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ExportConversationRequest;
import io.lanchat.protocol.Hello;
import io.lanchat.protocol.HistoryCleared;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ImportConversationRequest;
import io.lanchat.protocol.ListConversationsRequest;
import io.lanchat.protocol.OllamaStatus;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.RenameConversationRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyInProgress;
import io.lanchat.protocol.ReplyStats;
import io.lanchat.protocol.ResetRequest;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.Resumed;
import io.lanchat.protocol.SearchConversationsRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.TokenDelta;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small stand-in for a server with durable conversations, on {@link ScriptedServer}: it issues owner keys, keeps
 * each owner's conversations in memory, answers the conversation requests with the protocol's records, echoes chats
 * ("echo: TEXT") and resumes sessions. It records every request, so tests check what the client sent.
 */
final class FakeConversationServer implements AutoCloseable {
    static final Instant EPOCH = Instant.parse("2026-12-01T10:00:00Z");

    /** One stored conversation; touched on the server's single event-loop thread, read by tests after waits. */
    static final class Conversation {
        final String id;
        final String owner;
        volatile String title;
        final List<HistoryMessage> history = new CopyOnWriteArrayList<>();
        volatile String secret;
        volatile Instant updatedAt;
        volatile ReplyInProgress streaming;     // a reply "being written" that is sent whole when opened
        volatile String pending;

        Conversation(String id, String owner, String title, Instant at) {
            this.id = id;
            this.owner = owner;
            this.title = title;
            this.updatedAt = at;
        }

        ConversationSummary summary() {
            return new ConversationSummary(id, title == null ? "New conversation" : title, "llama3:8b",
                    EPOCH.toString(), updatedAt.toString(), history.size(), streaming != null);
        }
    }

    private final ScriptedServer server;
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    private final Map<Channel, String[]> connections = new ConcurrentHashMap<>();   // owner, conversation
    private final List<ClientMessage> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile boolean issueKeys = true;
    private volatile boolean storeFailing;

    /** From now on every finished reply is followed by a not_saved error, as from a server whose store fails. */
    void storeFailing(boolean failing) {
        storeFailing = failing;
    }

    FakeConversationServer() throws InterruptedException {
        server = new ScriptedServer(List::of, false, new ScriptedServer.Responder() {
            @Override
            public void connected(ChannelHandlerContext ctx, WebSocketServerProtocolHandler.HandshakeComplete hs) {
                onConnect(ctx, hs.requestUri());
            }

            @Override
            public void text(ChannelHandlerContext ctx, String text) {
                onText(ctx, text);
            }
        });
    }

    String url() {
        return server.url();
    }

    List<ScriptedServer.Handshake> handshakes() {
        return server.handshakes();
    }

    /** Every request received so far, in order. */
    List<ClientMessage> received() {
        return List.copyOf(received);
    }

    <T extends ClientMessage> List<T> received(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).toList();
    }

    void dropAll() {
        server.dropAll();
    }

    /** Stores a conversation of this owner with the given messages (user, assistant, user, ...). */
    Conversation add(String owner, String title, int minutesAgo, String... messages) {
        String id = "conv-" + counter.incrementAndGet();
        Conversation c = new Conversation(id, owner, title, Instant.now().minusSeconds(60L * minutesAgo));
        for (int i = 0; i < messages.length; i++) {
            c.history.add(new HistoryMessage(i % 2 == 0 ? "user" : "assistant", messages[i], false));
        }
        c.secret = "secret-" + id;
        conversations.put(id, c);
        return c;
    }

    Optional<Conversation> find(String id) {
        return Optional.ofNullable(conversations.get(id));
    }

    private void onConnect(ChannelHandlerContext ctx, String uri) {
        List<String> keys = new QueryStringDecoder(uri).parameters().getOrDefault("owner_key", List.of());
        String owner = keys.isEmpty() ? null : keys.get(0);
        String issued = null;
        if (owner == null && issueKeys) {
            owner = issued = "KEY_" + counter.incrementAndGet() + "-abc_XYZ";
        }
        Conversation fresh = fresh(owner);
        connections.put(ctx.channel(), new String[] {owner, fresh.id});
        send(ctx, new Hello(fresh.id, fresh.secret, 1, "fake", new OllamaStatus(true, "fine"), List.of(),
                "llama3:8b", 8000, issued, "sqlite"));
    }

    private Conversation fresh(String owner) {
        String id = "conv-" + counter.incrementAndGet();
        Conversation c = new Conversation(id, owner, null, Instant.now());
        c.secret = "secret-" + id;
        conversations.put(id, c);
        return c;
    }

    private void onText(ChannelHandlerContext ctx, String text) {
        ClientMessage message;
        try {
            message = ProtocolJson.readClient(text);
        } catch (JsonProcessingException e) {
            send(ctx, new ErrorMessage(null, ErrorCode.BAD_REQUEST, e.getOriginalMessage(), false));
            return;
        }
        received.add(message);
        String[] state = connections.get(ctx.channel());
        String owner = state[0];
        if (message instanceof ChatRequest chat) {
            Conversation c = conversations.get(state[1]);
            c.history.add(new HistoryMessage("user", chat.text(), false));
            if (c.title == null) {
                c.title = chat.text();
            }
            send(ctx, new TokenDelta(chat.id(), 0, "echo: "));
            send(ctx, new TokenDelta(chat.id(), 1, chat.text()));
            c.history.add(new HistoryMessage("assistant", "echo: " + chat.text(), false, "llama3:8b", false));
            c.updatedAt = Instant.now();
            send(ctx, new ReplyDone(chat.id(), "llama3:8b", "stop", new ReplyStats(3, 2, null, null, null, null)));
            if (storeFailing) {
                send(ctx, new ErrorMessage(chat.id(), ErrorCode.NOT_SAVED, "Your conversation could not be saved.",
                        false));
            }
        } else if (message instanceof ListConversationsRequest list) {
            page(ctx, list.id(), null, list.cursor(), list.limit(), owner);
        } else if (message instanceof SearchConversationsRequest search) {
            page(ctx, search.id(), search.query(), search.cursor(), search.limit(), owner);
        } else if (message instanceof CreateConversationRequest create) {
            Conversation c = fresh(owner);
            state[1] = c.id;
            send(ctx, new ConversationOpened(create.id(), c.summary(), null, c.secret, List.of(), null, null));
        } else if (message instanceof OpenConversationRequest open) {
            mine(ctx, open.id(), open.conversationId(), owner).ifPresent(c -> {
                state[1] = c.id;
                send(ctx, new ConversationOpened(open.id(), c.summary(), null, c.secret, c.history, c.pending,
                        c.streaming));
                ReplyInProgress reply = c.streaming;
                if (reply != null) {
                    send(ctx, new TokenDelta(reply.id(), 0, "still "));
                    send(ctx, new TokenDelta(reply.id(), 1, "writing"));
                    c.history.add(new HistoryMessage("user", c.pending, false));
                    c.history.add(new HistoryMessage("assistant", "still writing", false));
                    c.streaming = null;
                    c.pending = null;
                    send(ctx, new ReplyDone(reply.id(), "llama3:8b", "stop",
                            new ReplyStats(3, 2, null, null, null, null)));
                }
            });
        } else if (message instanceof RenameConversationRequest rename) {
            mine(ctx, rename.id(), rename.conversationId(), owner).ifPresent(c -> {
                c.title = rename.title();
                send(ctx, new ConversationUpdated(rename.id(), c.summary(), null));
            });
        } else if (message instanceof DeleteConversationRequest delete) {
            mine(ctx, delete.id(), delete.conversationId(), owner).ifPresent(c -> {
                conversations.remove(c.id);
                send(ctx, new ConversationDeleted(delete.id(), c.id));
                if (c.id.equals(state[1])) {
                    Conversation next = fresh(owner);
                    state[1] = next.id;
                    send(ctx, new HistoryCleared(delete.id(), next.id, next.secret));
                }
            });
        } else if (message instanceof ExportConversationRequest export) {
            mine(ctx, export.id(), export.conversationId(), owner).ifPresent(c -> send(ctx, new ConversationExport(
                    export.id(), c.id, export.format(), "chat." + (export.format().equals("json") ? "json" : "md"),
                    export.format().equals("json") ? "{\"title\":\"" + c.title + "\",\"messages\":" + c.history.size()
                            + "}" : "# " + c.title + "\n\n" + c.history.get(0).content() + "\n")));
        } else if (message instanceof ImportConversationRequest imported) {
            try {
                String title = new ObjectMapper().readTree(imported.content()).path("title").asText("Imported");
                Conversation c = add(owner, title, 0, "imported question", "imported answer");
                send(ctx, new ConversationUpdated(imported.id(), c.summary(), null));
            } catch (JsonProcessingException e) {
                send(ctx, new ErrorMessage(imported.id(), ErrorCode.BAD_REQUEST, "the content is not JSON", false));
            }
        } else if (message instanceof ResetRequest reset) {
            Conversation next = fresh(owner);
            state[1] = next.id;
            send(ctx, new HistoryCleared(reset.id(), next.id, next.secret));
        } else if (message instanceof ResumeRequest resume) {
            Conversation c = conversations.get(resume.sessionId());
            if (c == null || !c.secret.equals(resume.secret())) {
                send(ctx, new ErrorMessage(resume.id(), ErrorCode.RESUME_FAILED, "no such session", false));
            } else {
                state[1] = c.id;
                send(ctx, new Resumed(resume.id(), c.id, c.history, null, null));
            }
        }
    }

    private void page(ChannelHandlerContext ctx, String id, String query, String cursor, Integer limit,
                      String owner) {
        List<Conversation> all = new ArrayList<>(conversations.values().stream()
                .filter(c -> c.owner != null && c.owner.equals(owner) && !c.history.isEmpty())
                .filter(c -> query == null || matches(c, query.toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparing((Conversation c) -> c.updatedAt).reversed()).toList());
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(all.size(), from + (limit == null ? 50 : limit));
        send(ctx, new ConversationList(id, query, all.subList(from, to).stream().map(Conversation::summary).toList(),
                to < all.size() ? String.valueOf(to) : null));
    }

    private static boolean matches(Conversation c, String query) {
        String text = (c.title + " " + String.join(" ", c.history.stream().map(HistoryMessage::content).toList()))
                .toLowerCase(Locale.ROOT);
        for (String word : query.split("\\s+")) {
            if (!text.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** The conversation if this owner has it; else a not_found error, the same for someone else's. */
    private Optional<Conversation> mine(ChannelHandlerContext ctx, String requestId, String id, String owner) {
        Conversation c = conversations.get(id);
        if (c == null || c.owner == null || !c.owner.equals(owner)) {
            send(ctx, new ErrorMessage(requestId, ErrorCode.NOT_FOUND, "No conversation " + id + ".", false));
            return Optional.empty();
        }
        return Optional.of(c);
    }

    private static void send(ChannelHandlerContext ctx, ServerMessage message) {
        ctx.writeAndFlush(new TextWebSocketFrame(ProtocolJson.writeServerText(message)));
    }

    @Override
    public void close() {
        server.close();
    }
}
