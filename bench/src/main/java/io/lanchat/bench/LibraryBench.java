package io.lanchat.bench;

import static io.lanchat.bench.Results.ms;

import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ConversationList;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ListConversationsRequest;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.SearchConversationsRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The conversation library under a large store: seeds a SQLite file ({@link LibrarySeed}), starts the server on
 * it, and times as a WebSocket client, one request at a time: listing (the first page and later pages by cursor),
 * opening conversations (first open, read from the store; and again, held in memory) and searching (a word in
 * every conversation, a word in one of a hundred). Then the heap each open conversation takes: many connections of
 * another owner each open one, with the server's heap after a full GC read before and after.
 */
final class LibraryBench {
    /** What the run saw, for the smoke test: answers of the wrong kind or size count as failures. */
    record Outcome(int requests, int failures, String firstFailure, int listed, int heldOpen,
                   long heapPerOpenBytes) {
    }

    private static final long ANSWER_MILLIS = 30_000;
    private final BenchOptions o;
    private final Results results;
    private final Random random = new Random(7);
    private int requests;
    private int failures;
    private String firstFailure;
    private int nextId;

    LibraryBench(BenchOptions options, Results results) {
        this.o = options;
        this.results = results;
    }

    Outcome run(Scenarios.ServerStarter starter) throws Exception {
        Path dir = Files.createTempDirectory("lanchat-bench-library");
        try {
            System.out.printf("library: seeding %d conversations x %d messages for %d owners%n", o.conversations,
                    o.messagesPerConversation, o.owners);
            LibrarySeed.Library library = LibrarySeed.seed(dir, o.conversations, o.messagesPerConversation,
                    o.owners, 42);
            long dbBytes = Files.size(dir.resolve("lanchat.db"));
            System.out.printf("  seeded in %.1f s: %,d characters of messages, lanchat.db %.1f MiB%n",
                    library.seconds(), library.contentChars(), dbBytes / 1048576.0);
            try (ServerProcess server = starter.start(List.of("--database", "sqlite", "--data-dir", dir.toString()));
                 RequestClient client = new RequestClient(o.clientThreads, "127.0.0.1", server.port)) {
                HeapFigures heap = heapPerOpen(server, client, library);
                Results.Entry entry = new Results.Entry("library").param("conversations", o.conversations)
                        .param("messagesPerConversation", o.messagesPerConversation).param("owners", o.owners)
                        .param("requests", o.requests).param("serverJvm", String.join(" ", o.serverJvm));
                entry.metric("seedSeconds", Math.round(library.seconds() * 10) / 10.0)
                        .metric("contentChars", library.contentChars()).metric("dbMiB", mib(dbBytes));
                int listed = latencies(client, library, entry);
                entry.metric("heldOpen", heap.opened).metric("heapBeforeMiB", mib(heap.before))
                        .metric("heapAfterMiB", mib(heap.after))
                        .metric("heapPerOpenConversationBytes", heap.perOpen())
                        .metric("heapPerConnectionBytes", heap.perConnection())
                        .metric("charsPerConversation", library.contentChars() / o.conversations)
                        .metric("requests", requests).metric("failures", failures);
                if (firstFailure != null) {
                    entry.metric("firstFailure", firstFailure);
                }
                results.write(entry);
                return new Outcome(requests, failures, firstFailure, listed, heap.opened, heap.perOpen());
            }
        } finally {
            ServerProcess.deleteTree(dir);
        }
    }

    private record HeapFigures(long idle, long before, long after, int opened, int connections) {
        long perOpen() {
            return opened == 0 ? -1 : (after - before) / opened;
        }

        long perConnection() {
            return connections == 0 ? -1 : (before - idle) / connections;
        }
    }

    /**
     * Connections of the second owner each open one of its conversations and keep it: the heap after a full GC
     * before (connections open, each with its new empty conversation) and after, divided by the opened ones.
     */
    private HeapFigures heapPerOpen(ServerProcess server, RequestClient client, LibrarySeed.Library library)
            throws Exception {
        List<String> ids = library.conversationIds().get(library.conversationIds().size() > 1 ? 1 : 0);
        int n = Math.min(o.openConversations, ids.size());
        Thread.sleep(500);
        long idle = server.heapUsedAfterGc();
        List<RequestConn> conns = client.connect(library.ownerKeys().get(library.conversationIds().size() > 1 ? 1 : 0),
                n, 100, 120_000);
        long before = server.heapUsedAfterGc();
        List<CompletableFuture<RequestConn.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "h" + i;
            answers.add(conns.get(i).request(id, new OpenConversationRequest(id, ids.get(i), null, null)));
            if (answers.size() % 50 == 0) {
                LibrarySeed.all(answers).get(ANSWER_MILLIS, TimeUnit.MILLISECONDS);   // 50 in flight at most
            }
        }
        LibrarySeed.all(answers).get(ANSWER_MILLIS, TimeUnit.MILLISECONDS);
        int opened = 0;
        for (CompletableFuture<RequestConn.Answer> answer : answers) {
            requests++;
            if (check(answer.get().message(), true)) {
                opened++;
            }
        }
        long after = server.heapUsedAfterGc();
        HeapFigures heap = new HeapFigures(idle, before, after, opened, n);
        System.out.printf("  heap after GC: %.1f MiB idle, %.1f MiB with %d connections, %.1f MiB with %d"
                        + " conversations open: %,d bytes per open conversation (%,d per connection before)%n",
                idle / 1048576.0, before / 1048576.0, n, after / 1048576.0, opened, heap.perOpen(),
                heap.perConnection());
        RequestClient.closeAll(conns, 30_000);
        return heap;
    }

    /** The timed requests, on one connection of the first owner; returns how many conversations the list held. */
    private int latencies(RequestClient client, LibrarySeed.Library library, Results.Entry entry) throws Exception {
        RequestConn conn = client.connect(library.ownerKeys().get(0), 1, 1, 30_000).get(0);
        List<String> ids = library.conversationIds().get(0);
        // Walk the whole list once (also the warm-up): every conversation listed once, and the cursors of the pages.
        List<String> cursors = new ArrayList<>();
        int listed = 0;
        String cursor = null;
        do {
            ConversationList page = list(conn, cursor);
            if (page == null) {
                break;
            }
            listed += page.conversations().size();
            cursor = page.nextCursor();
            if (cursor != null) {
                cursors.add(cursor);
            }
        } while (cursor != null && listed <= ids.size());
        if (listed != ids.size()) {
            fail("the list held " + listed + " conversations, not " + ids.size());
        }
        int n = o.requests;
        Samples.Sorted first = time(conn, n, i -> list(null));
        Samples.Sorted later = cursors.isEmpty() ? new Samples().sorted()
                : time(conn, n, i -> list(cursors.get(random.nextInt(cursors.size()))));
        List<String> order = new ArrayList<>(ids);
        Collections.shuffle(order, random);
        List<String> cold = order.subList(0, Math.min(n, order.size()));
        Samples.Sorted coldOpen = time(conn, cold.size(), i -> open(cold.get(i)));
        Samples.Sorted warmOpen = time(conn, n, i -> open(cold.get(random.nextInt(cold.size()))));
        int searches = Math.max(5, n / 10);
        Samples.Sorted common = time(conn, searches, i -> search(LibrarySeed.COMMON_WORD));
        Samples.Sorted rare = time(conn, searches, i -> search(LibrarySeed.RARE_WORD));
        report(entry, "listFirstPage", first);
        report(entry, "listLaterPage", later);
        report(entry, "openFromStore", coldOpen);
        report(entry, "openHeld", warmOpen);
        report(entry, "searchCommon", common);
        report(entry, "searchRare", rare);
        entry.metric("pages", cursors.size() + 1);
        RequestClient.closeAll(List.of(conn), 5_000);
        return listed;
    }

    /** Sends the requests one after another, each when the previous was answered; the answer times. */
    private Samples.Sorted time(RequestConn conn, int count, IntFunction<ClientMessage> request) throws Exception {
        Samples samples = new Samples(count);
        for (int i = 0; i < count; i++) {
            ClientMessage message = request.apply(i);
            String id = idOf(message);
            long sent = System.nanoTime();
            RequestConn.Answer answer = conn.request(id, message).get(ANSWER_MILLIS, TimeUnit.MILLISECONDS);
            requests++;
            if (check(answer.message(), message instanceof OpenConversationRequest)) {
                samples.add(answer.arrivedNanos() - sent);
            }
        }
        return samples.sorted();
    }

    private ConversationList list(RequestConn conn, String cursor) throws Exception {
        String id = "l" + nextId++;
        RequestConn.Answer answer = conn.request(id, new ListConversationsRequest(id, cursor, 50))
                .get(ANSWER_MILLIS, TimeUnit.MILLISECONDS);
        requests++;
        return check(answer.message(), false) ? (ConversationList) answer.message() : null;
    }

    private ClientMessage list(String cursor) {
        String id = "l" + nextId++;
        return new ListConversationsRequest(id, cursor, 50);
    }

    private ClientMessage open(String conversationId) {
        String id = "o" + nextId++;
        return new OpenConversationRequest(id, conversationId, null, null);
    }

    private ClientMessage search(String word) {
        String id = "s" + nextId++;
        return new SearchConversationsRequest(id, word, null, 50);
    }

    private static String idOf(ClientMessage message) {
        if (message instanceof ListConversationsRequest l) {
            return l.id();
        }
        if (message instanceof OpenConversationRequest op) {
            return op.id();
        }
        return ((SearchConversationsRequest) message).id();
    }

    /** Whether the answer is what was asked for: a page, or an opened conversation with its whole history. */
    private boolean check(Object message, boolean open) {
        if (message instanceof ErrorMessage e) {
            return fail("error " + e.code() + ": " + e.message());
        }
        if (open) {
            if (!(message instanceof ConversationOpened opened)) {
                return fail("open answered with " + message);
            }
            if (opened.history().size() != o.messagesPerConversation) {
                return fail("opened " + opened.conversation().id() + " with " + opened.history().size()
                        + " messages, not " + o.messagesPerConversation);
            }
            return true;
        }
        if (!(message instanceof ConversationList page)) {
            return fail("list answered with " + message);
        }
        if (page.conversations().isEmpty()) {
            return fail("an empty page" + (page.query() == null ? "" : " for " + page.query()));
        }
        return true;
    }

    private boolean fail(String what) {
        failures++;
        if (firstFailure == null) {
            firstFailure = what;
        }
        return false;
    }

    private static void report(Results.Entry entry, String name, Samples.Sorted s) {
        System.out.printf("  %-14s %4d requests: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", name, s.count(),
                ms(s.percentile(50)), ms(s.percentile(99)), ms(s.max()));
        entry.metric(name + "_p50_ms", ms(s.percentile(50))).metric(name + "_p99_ms", ms(s.percentile(99)))
                .metric(name + "_max_ms", ms(s.max())).metric(name + "_count", s.count());
    }

    private static double mib(long bytes) {
        return Math.round(bytes / 1048576.0 * 10) / 10.0;
    }
}
