package io.lanchat.server.library;

import io.lanchat.protocol.ConversationList;
import io.lanchat.protocol.ConversationSettings;
import io.lanchat.protocol.ConversationUpdated;
import io.lanchat.protocol.ExportConversationRequest;
import io.lanchat.protocol.ConversationExport;
import io.lanchat.protocol.ImportConversationRequest;
import io.lanchat.protocol.ListConversationsRequest;
import io.lanchat.protocol.Paging;
import io.lanchat.protocol.RenameConversationRequest;
import io.lanchat.protocol.SearchConversationsRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.UpdateSettingsRequest;
import io.lanchat.server.chat.ChatServices;
import io.lanchat.server.chat.Conversation;
import io.lanchat.server.chat.Conversations;
import io.lanchat.server.session.Session;
import io.lanchat.server.session.SessionIds;
import io.lanchat.server.session.SessionRecords;
import io.lanchat.server.session.VersionRecords;
import io.lanchat.server.store.ConversationPage;
import io.lanchat.server.store.ConversationRecord;
import io.lanchat.server.store.ConversationStore;
import io.lanchat.server.store.StoredConversation;
import io.lanchat.server.store.StoredMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * An owner's conversations, wherever they are: held in memory (newest state, maybe not saved yet) or only in the
 * store. Each request answers with one frame (or error); none blocks its caller. An id the owner does not own is
 * answered exactly like one that does not exist.
 */
public final class ConversationLibrary {
    /** The most characters of messages one export carries (a conversation can outgrow any single frame). */
    static final long MAX_EXPORT_CHARS = 20_000_000;

    private final ChatServices services;
    private final Conversations registry;
    private final ConversationStore store;
    private final ImportParser importer;

    /** @param store the durable store, or a {@link MemoryConversationStore} in memory-only mode */
    public ConversationLibrary(ChatServices services, Conversations registry, ConversationStore store) {
        this.services = services;
        this.registry = registry;
        this.store = store;
        this.importer = new ImportParser(services.replies().options(), services.maxMessageChars());
    }

    public CompletableFuture<ServerMessage> list(String owner, ListConversationsRequest request) {
        return answer(request.id(), store.list(owner, request.cursor(), limit(request.limit()))
                .thenApply(page -> listing(request.id(), null, fresher(owner, page, request.cursor() == null))));
    }

    public CompletableFuture<ServerMessage> search(String owner, SearchConversationsRequest request) {
        return answer(request.id(), store.search(owner, request.query(), request.cursor(), limit(request.limit()))
                .thenApply(page -> listing(request.id(), request.query(), fresher(owner, page, false))));
    }

    /**
     * The page with what memory holds newer than the store (a save still on its way, or waiting for a failing
     * store to come back): a listed conversation shows its state in memory, and the first page of a listing also
     * shows the owner's newest conversations not stored yet. Runs on the store's thread, not an event loop.
     */
    private ConversationPage fresher(String owner, ConversationPage page, boolean firstPage) {
        if (!services.saver().persistent()) {
            return page;                // memory-only: the page was made from memory
        }
        Map<String, ConversationRecord> held = new HashMap<>();
        for (Session s : services.sessions().heldBy(owner)) {
            if (SessionRecords.listable(s)) {
                held.put(s.id(), SessionRecords.listed(s));
            }
        }
        List<ConversationRecord> rows = new ArrayList<>();
        for (ConversationRecord stored : page.conversations()) {
            ConversationRecord hot = held.remove(stored.id());
            rows.add(hot != null && !hot.updatedAt().isBefore(stored.updatedAt())
                    ? withStoredModel(hot, stored) : stored);
        }
        if (firstPage) {
            Instant newestStored = rows.isEmpty() ? Instant.MIN : page.conversations().get(0).updatedAt();
            held.values().stream().filter(r -> r.updatedAt().isAfter(newestStored)).forEach(rows::add);
            rows.sort(Comparator.comparing(ConversationRecord::updatedAt).reversed()
                    .thenComparing(ConversationRecord::id, Comparator.reverseOrder()));
        }
        return new ConversationPage(rows, page.nextCursor());
    }

    private static ConversationRecord withStoredModel(ConversationRecord hot, ConversationRecord stored) {
        return hot.model() != null ? hot : new ConversationRecord(hot.id(), hot.owner(), hot.title(), stored.model(),
                hot.system(), hot.options(), hot.createdAt(), hot.updatedAt(), hot.messageCount(), hot.think());
    }

    public CompletableFuture<ServerMessage> rename(String owner, RenameConversationRequest request) {
        String id = request.conversationId();
        return answer(request.id(), changeHeld(owner, id, s -> s.withInfo(s.info().titled(request.title())))
                .map(s -> CompletableFuture.completedFuture(updated(request.id(), s)))
                .orElseGet(() -> store.rename(owner, id, request.title(), Instant.now())
                        .thenApply(found -> stored(request.id(), found))));
    }

    public CompletableFuture<ServerMessage> updateSettings(String owner, UpdateSettingsRequest request) {
        ConversationSettings settings = request.settings();
        String problem = settings.options() == null ? null : services.replies().options().violation(settings.options());
        if (problem != null) {
            return CompletableFuture.completedFuture(LibraryErrors.badRequest(request.id(), problem));
        }
        String id = request.conversationId();
        return answer(request.id(), changeHeld(owner, id, s -> s.withInfo(s.info().withSettings(settings)))
                .map(s -> CompletableFuture.completedFuture(updated(request.id(), s)))
                .orElseGet(() -> store.updateSettings(owner, id, settings.model(), settings.system(),
                        settings.options(), settings.think() == null ? null : settings.think().wireName(),
                        Instant.now()).thenApply(found -> stored(request.id(), found))));
    }

    public CompletableFuture<ServerMessage> export(String owner, ExportConversationRequest request) {
        Optional<Session> held = held(owner, request.conversationId());
        CompletableFuture<Optional<StoredConversation>> stored = services.saver().persistent()
                ? store.load(owner, request.conversationId(), MAX_EXPORT_CHARS)
                : CompletableFuture.completedFuture(Optional.empty());
        return answer(request.id(), stored.thenApply(found -> {
            // The store has every message; memory has those not saved yet (a failing store, memory-only mode).
            StoredConversation conversation = found.orElseGet(() -> held.map(s -> new StoredConversation(
                    SessionRecords.record(s), SessionRecords.all(s), VersionRecords.rows(s.versions()))).orElse(null));
            if (conversation == null) {
                return LibraryErrors.notFound(request.id());
            }
            ConversationRecord record = conversation.record();
            String content = "json".equals(request.format())
                    ? ExportFormats.json(record, conversation.messages(), conversation.versions())
                    : ExportFormats.markdown(record, conversation.messages());
            return new ConversationExport(request.id(), record.id(), request.format(),
                    ExportFormats.filename(record.title(), request.format()), content);
        }));
    }

    public CompletableFuture<ServerMessage> importConversation(String owner, ImportConversationRequest request) {
        ImportParser.Imported imported;
        try {
            imported = importer.parse(request.content());
        } catch (IllegalArgumentException bad) {
            return CompletableFuture.completedFuture(LibraryErrors.badRequest(request.id(), bad.getMessage()));
        }
        List<StoredMessage> messages = imported.messages();
        ConversationSettings settings = imported.settings();
        ConversationRecord record = new ConversationRecord(SessionIds.next(), owner, imported.title(),
                settings.model(), settings.system(), settings.options(), imported.createdAt(), Instant.now(),
                messages.size(), settings.think() == null ? null : settings.think().wireName());
        if (!services.saver().persistent()) {
            services.sessions().holdIdle(SessionRecords.toSession(new StoredConversation(record, messages),
                    SessionIds.next()));
            return CompletableFuture.completedFuture(new ConversationUpdated(request.id(),
                    SessionRecords.summary(record, false), settings));
        }
        return answer(request.id(), store.save(record, messages).thenApply(saved -> new ConversationUpdated(
                request.id(), SessionRecords.summary(record, false), settings)));
    }

    /**
     * Deletes the owner's conversation: a reply in it stops, a connection that has it open moves on to a new one,
     * and its rows leave the store.
     *
     * @return whether there was such a conversation
     */
    public CompletableFuture<Boolean> delete(String owner, String id) {
        boolean wasHeld = held(owner, id).isPresent();
        CompletableFuture<?> stopped = CompletableFuture.completedFuture(null);
        if (wasHeld) {
            Conversation live = registry.live(id);
            services.sessions().remove(id);
            if (live != null) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                live.execute(() -> {
                    live.deleted();
                    done.complete(null);
                });
                stopped = done;
            }
        }
        // After the live conversation has stopped: its last saves are queued before the delete.
        return stopped.thenCompose(ignored -> store.delete(owner, id)).thenApply(stored -> {
            services.attachments().store().forgetConversation(id);      // its images go from memory too
            return stored || wasHeld;
        });
    }

    /**
     * The owner's conversation, pinned in memory for a connection to open it: the one held, else the store's,
     * under a new resume secret. Empty when the owner has none with that id.
     */
    public CompletableFuture<Optional<Session>> findForOpen(String owner, String id) {
        Optional<Session> held = held(owner, id);
        if (held.isPresent() && (registry.live(id) != null || !services.saver().persistent())) {
            return CompletableFuture.completedFuture(held);     // live here: this copy is the newest there is
        }
        // Not live here: another server instance on the same database may have changed it since this one held it.
        return store.load(owner, id, services.sessions().perSessionChars())
                .thenApply(found -> {
                    if (found.isEmpty()) {
                        return held;            // not saved yet (or the store lags): memory has it
                    }
                    Session loaded = SessionRecords.toSession(found.get(), SessionIds.next());
                    if (held.isPresent() && !loaded.info().updatedAt().isAfter(held.get().info().updatedAt())) {
                        return held;
                    }
                    services.sessions().dropIdle(id, held.orElse(null));
                    return services.sessions().adoptPinned(loaded).filter(s -> s.ownedBy(owner));
                });
    }

    /** A new conversation's info; its row is saved at once when the owner named it or set it up. */
    public CompletableFuture<Boolean> saveIfNamed(Session created) {
        return SessionRecords.listable(created) ? services.saver().saveRecord(created)
                : CompletableFuture.completedFuture(true);
    }

    private Optional<Session> held(String owner, String id) {
        return services.sessions().find(id).filter(s -> s.ownedBy(owner));
    }

    /** Changes a held conversation and saves its row (the store retries a failed save by itself). */
    private Optional<Session> changeHeld(String owner, String id, UnaryOperator<Session> change) {
        if (held(owner, id).isEmpty()) {
            return Optional.empty();
        }
        Optional<Session> changed = services.sessions().update(id, change);
        changed.ifPresent(services.saver()::saveRecord);
        return changed;
    }

    private ServerMessage updated(String requestId, Session session) {
        return new ConversationUpdated(requestId, SessionRecords.summary(session, registry.isStreaming(session.id())),
                session.info().settings());
    }

    private ServerMessage stored(String requestId, Optional<ConversationRecord> found) {
        return found.<ServerMessage>map(r -> new ConversationUpdated(requestId,
                        SessionRecords.summary(r, registry.isStreaming(r.id())), SessionRecords.settings(r)))
                .orElseGet(() -> LibraryErrors.notFound(requestId));
    }

    private ServerMessage listing(String requestId, String query, ConversationPage page) {
        return new ConversationList(requestId, query, page.conversations().stream()
                .map(r -> SessionRecords.summary(r, registry.isStreaming(r.id())))
                .toList(), page.nextCursor());
    }

    private static int limit(Integer requested) {
        return requested == null ? Paging.DEFAULT_LIMIT : requested;
    }

    private static CompletableFuture<ServerMessage> answer(String requestId, CompletableFuture<ServerMessage> work) {
        return work.exceptionally(failure -> LibraryErrors.failure(requestId, failure));
    }
}
