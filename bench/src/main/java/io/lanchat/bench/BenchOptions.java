package io.lanchat.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The load generator's command line. Every count and duration is bounded, so every run stops by itself. */
final class BenchOptions {
    static final int MAX_CONNECTIONS = 19_500;
    static final int MAX_SECONDS = 600;

    String scenario = "help";
    List<String> serverLaunch = List.of("-jar", "server/target/lanchat-server.jar");
    List<String> serverJvm = new ArrayList<>();
    List<String> serverArgs = new ArrayList<>();
    int serverPort = 0;
    int standInPort = 0;
    int connections = -1;
    int streams = 1000;
    int rate = 20;
    int seconds = 10;
    int tokens = 200_000;
    int chats = 2000;
    int rounds = 5;
    int runs = 5;
    int hold = 10;
    int warmup = 3;
    int clientThreads = 2;
    /** ttft: keep each connection's conversation growing instead of starting a new one per timed chat. */
    boolean ttftKeepHistory;
    int standInThreads = 1;
    List<Integer> levels = List.of(1, 10, 100, 500, 1000);
    List<InetAddress> sourceAddresses = new ArrayList<>();
    boolean strict;
    /** The servers' {@code --database}: sqlite, none, or null for the server's default. */
    String store;
    int pairs = 2;
    List<String> parts = List.of("streams", "ttft", "fast");
    int conversations = 10_000;
    int messagesPerConversation = 50;
    int owners = 5;
    int requests = 500;
    int openConversations = 1000;
    /** api-latency: tokens per chat (each stream sends chats back to back); 0 = auto, max(10, streams / 10). */
    int chatTokens = 0;
    /** api-latency: both paths in the same rounds (together) instead of alternating rounds. */
    boolean apiTogether;
    /** rooms: members of the one big room, rooms of the many, members of each, tokens of each reply. */
    int bigRoom = 500;
    int rooms = 200;
    int roomMembers = 10;
    int replyTokens = 200;
    Path results = Path.of("bench-results/results.jsonl");
    Path logDir = Path.of("bench-results/logs");
    String label = "";

    static final String HELP = """
            Usage: java -jar bench/target/lanchat-bench.jar --scenario NAME [options]

            Starts the server (its own process) and a fast stand-in Ollama (in this process, so the stand-in's send
            stamps and this process's receive times share one clock), drives load over loopback only, and stops by
            itself. Every scenario is measured once through the server and, where it applies, once straight
            against the stand-in, in the same run.

            Scenarios:
              idle       hold --connections (19000) idle WebSockets; heap per connection after GC, RSS, fds
              streams    --streams (1000) chats at --rate (20) tokens/s for --seconds (10); added latency per token
              sweep      the streams scenario at each of --levels (1,10,100,500,1000) concurrent streams
              fast       one chat of --tokens (200000) tokens, as fast as they go; tokens/s
              ttft       --chats (2000) chats one after another; added time to first token
              broadcast  --connections (15000) clients; the stand-in stops/starts listening --rounds (5) times;
                         spread of the availability broadcast from first to p99/last client
              startup    --runs (5) server starts; process start to /healthz 200, then idle RSS
              smoke      a few hundred connections and chats for a few seconds, strict checking (the test's)
              store-on-off  the --parts (streams,ttft,fast) against a server with --database sqlite (a new
                         temporary folder each time) and one with --database none, --pairs (2) times, the order
                         alternating; prints the figures side by side
              library    seeds --conversations (10000) x --messages (50) for --owners (5) into a SQLite file
                         through the store API, starts the server on it, times --requests (500) each of list
                         (first page, later page by cursor), open (from the store, then held) and search
                         (a tenth as many); heap per conversation held open by --open-conversations (1000)
              api-latency  the server's Ollama API port (--api-port) against the stand-in directly: at each of
                         --levels concurrent streams, --pairs (2) pairs of --seconds rounds alternating the paths
                         (direct, api, api, direct, ...); every stream sends /api/chat (NDJSON) back to back, chats
                         of --chat-tokens tokens at --rate tokens/s; per-token latency, inter-token gap and
                         jitter, time to first token, each path and added
              rooms      rooms (issue #16): one room of --big-room (500) members, --rounds (5) replies of
                         --reply-tokens (200) tokens at --rate (20) tokens/s asked by a member, each with a private
                         chat (one user, no room) streaming the same reply at the same time, and before it alone;
                         per token, the spread from the first member to the last and each member's latency. Then
                         --rooms (200) rooms of --room-members (10) members each, a reply in every room at once:
                         time to first token, latency per token across members, tokens delivered per second,
                         errors, the server's CPU and heap

            Options:
              --server-jar PATH          server jar (default server/target/lanchat-server.jar)
              --server-cp CLASSPATH      run io.lanchat.server.ServerMain from this classpath instead
              --server-jvm "OPTS"        JVM options for the server, space-separated (e.g. "-Xmx512m -XX:+UseSerialGC")
              --server-arg FLAG=VALUE    an extra server flag (repeatable), e.g. --server-arg --ping-interval=60s
              --server-port N            server port on 127.0.0.1 (default: a free one)
              --connections N --streams N --rate N --seconds N --tokens N --chats N --rounds N --runs N
              --hold N                   idle: seconds to hold the connections (default 10)
              --warmup N                 seconds of warm-up before measuring (default 3; 0 = none)
              --levels 1,10,100          sweep levels
              --client-threads N         load generator event loops (default 2)
              --ttft-history none|keep   ttft: each timed chat starts a new conversation (none, default), like the
                                         direct chats; or keeps the connection's growing history (keep)
              --standin-threads N        stand-in event loops (default 1)
              --store sqlite|none        the servers' --database (default: the server's own, sqlite); every
                                         server gets a new temporary --data-dir unless --server-arg names one
              --pairs N --parts a,b      store-on-off: pairs of runs (2); scenarios among streams,ttft,fast
              --chat-tokens N            api-latency: tokens per chat; default max(10, streams / 10), so that
                                         chats start at most 200 a second at any level (--rate 20)
              --mix alternate|together   api-latency: rounds alternate the paths (default), or every round runs
                                         both at once, --streams on each, so bursts of other load hit both
              --big-room N --rooms N --room-members N --reply-tokens N   rooms sizes
              --conversations N --messages N --owners N --requests N --open-conversations N   library sizes
              --source-addresses A,B     loopback source addresses to spread connections over (127.0.0.2, ...)
              --strict                   also parse every token frame fully and compare
              --results FILE             JSON lines appended per run (default bench-results/results.jsonl)
              --label TEXT               recorded with each result
            """;

    static BenchOptions parse(String[] args) throws UnknownHostException {
        BenchOptions o = new BenchOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0 && !arg.startsWith("--server-arg")) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("--strict")) {
                o.strict = true;
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                o.scenario = "help";
                return o;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                value = args[++i];
            }
            switch (arg) {
                case "--scenario" -> o.scenario = value;
                case "--server-jar" -> o.serverLaunch = List.of("-jar", value);
                case "--server-cp" -> o.serverLaunch = List.of("-cp", value, "io.lanchat.server.ServerMain");
                case "--server-jvm" -> o.serverJvm = value.isBlank() ? new ArrayList<>()
                        : new ArrayList<>(Arrays.asList(value.trim().split("\\s+")));
                case "--server-arg" -> o.serverArgs.add(value);
                case "--server-port" -> o.serverPort = bounded(arg, value, 0, 65535);
                case "--standin-port" -> o.standInPort = bounded(arg, value, 0, 65535);
                case "--connections" -> o.connections = bounded(arg, value, 1, MAX_CONNECTIONS);
                case "--streams" -> o.streams = bounded(arg, value, 1, MAX_CONNECTIONS);
                case "--rate" -> o.rate = bounded(arg, value, 1, 1000);
                case "--seconds" -> o.seconds = bounded(arg, value, 1, MAX_SECONDS);
                case "--tokens" -> o.tokens = bounded(arg, value, 1, 10_000_000);
                case "--chats" -> o.chats = bounded(arg, value, 1, 1_000_000);
                case "--rounds" -> o.rounds = bounded(arg, value, 1, 100);
                case "--runs" -> o.runs = bounded(arg, value, 1, 100);
                case "--hold" -> o.hold = bounded(arg, value, 0, MAX_SECONDS);
                case "--warmup" -> o.warmup = bounded(arg, value, 0, 60);
                case "--client-threads" -> o.clientThreads = bounded(arg, value, 1, 16);
                case "--ttft-history" -> o.ttftKeepHistory = switch (value) {
                    case "keep" -> true;
                    case "none" -> false;
                    default -> throw new IllegalArgumentException("--ttft-history is keep or none");
                };
                case "--standin-threads" -> o.standInThreads = bounded(arg, value, 1, 16);
                case "--levels" -> o.levels = Arrays.stream(value.split(","))
                        .map(v -> bounded("--levels", v.trim(), 1, MAX_CONNECTIONS)).toList();
                case "--source-addresses" -> {
                    for (String a : value.split(",")) {
                        InetAddress address = InetAddress.getByName(a.trim());
                        if (!address.isLoopbackAddress()) {
                            throw new IllegalArgumentException(a + " is not a loopback address");
                        }
                        o.sourceAddresses.add(address);
                    }
                }
                case "--store" -> o.store = switch (value) {
                    case "sqlite", "none" -> value;
                    default -> throw new IllegalArgumentException("--store is sqlite or none");
                };
                case "--pairs" -> o.pairs = bounded(arg, value, 1, 20);
                case "--parts" -> o.parts = Arrays.stream(value.split(",")).map(String::trim).peek(part -> {
                    if (!List.of("streams", "ttft", "fast").contains(part)) {
                        throw new IllegalArgumentException("--parts takes streams, ttft and fast, not " + part);
                    }
                }).toList();
                case "--conversations" -> o.conversations = bounded(arg, value, 1, 1_000_000);
                case "--messages" -> o.messagesPerConversation = bounded(arg, value, 1, 200);
                case "--owners" -> o.owners = bounded(arg, value, 1, 1000);
                case "--requests" -> o.requests = bounded(arg, value, 1, 100_000);
                case "--mix" -> o.apiTogether = switch (value) {
                    case "together" -> true;
                    case "alternate" -> false;
                    default -> throw new IllegalArgumentException("--mix is alternate or together");
                };
                case "--chat-tokens" -> o.chatTokens = bounded(arg, value, 0, 100_000);
                case "--open-conversations" -> o.openConversations = bounded(arg, value, 1, MAX_CONNECTIONS);
                case "--big-room" -> o.bigRoom = bounded(arg, value, 1, 5_000);
                case "--rooms" -> o.rooms = bounded(arg, value, 1, 1_000);
                case "--room-members" -> o.roomMembers = bounded(arg, value, 1, 100);
                case "--reply-tokens" -> o.replyTokens = bounded(arg, value, 2, 10_000);
                case "--results" -> o.results = Path.of(value);
                case "--log-dir" -> o.logDir = Path.of(value);
                case "--label" -> o.label = value;
                default -> throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
            }
        }
        return o;
    }

    /** Server flags that let one loopback address open thousands of connections and chat freely. */
    List<String> serverFlags(int standInPort) {
        List<String> flags = new ArrayList<>(List.of(
                "--ollama-host", "http://127.0.0.1:" + standInPort,
                "--model", StandIn.MODEL,
                "--max-connections-per-address", "20000",
                "--max-connections", "19800",
                "--max-sessions", "20000",
                "--messages-per-minute", "100000",
                "--client-messages-per-minute", "1000000",
                // Frames of any kind per connection: ttft sends thousands of chats and resets on 20 connections,
                // library hundreds of requests on one.
                "--requests-per-minute", "1000000",
                // The bench measures the relay, not Ollama's one-slot default: every stream gets a slot at once.
                "--parallel", "20000",
                "--max-queue", "20000",
                // The fast stream (200,000 tokens of about 20 characters) is longer than a reply may be by default,
                // and the session keeping it must hold it (the history budget is a tenth of that per chat).
                "--max-reply-chars", "50000000",
                "--max-session-chars", "50010000",
                "--max-history-chars", "100000000"));
        for (String extra : serverArgs) {
            int eq = extra.indexOf('=');
            if (eq > 0) {
                flags.add(extra.substring(0, eq));
                flags.add(extra.substring(eq + 1));
            } else {
                flags.add(extra);
            }
        }
        return flags;
    }

    private static int bounded(String name, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + n);
        }
        return n;
    }
}
