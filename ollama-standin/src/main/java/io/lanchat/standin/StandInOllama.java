package io.lanchat.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running stand-in Ollama on a real socket: start it, point the client at {@link #baseUri()},
 * steer it with the knobs, inspect what it saw, and {@link #stop()}/{@link #restart()} it like a
 * process. All methods are thread-safe; knobs take effect for the next request.
 *
 * <p>Defaults: models {@value #DEFAULT_MODEL_A} and {@value #DEFAULT_MODEL_B} installed, none
 * loaded, 5 ms between chunks, no load delay, one request per model at a time, {@link Fault#NONE},
 * and the reply {@code "You said: <last user message>"} in word-sized chunks followed by the chunk
 * {@code " (turn N)"}, N being the number of user messages (see {@link #setReply}).
 */
public final class StandInOllama implements AutoCloseable {

    /** First default model. */
    public static final String DEFAULT_MODEL_A = "tinyllama:latest";
    /** Second default model. */
    public static final String DEFAULT_MODEL_B = "qwen2.5:0.5b";

    private static final Logger log = LoggerFactory.getLogger(StandInOllama.class);
    private static final Duration REBIND_PATIENCE = Duration.ofSeconds(5);

    static {
        // Go's net/http sets TCP_NODELAY; without it tiny NDJSON lines meet Nagle plus delayed ACKs
        // and arrive in ~40 ms clumps. The JDK server reads this once, on its first use in the JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String host;
    private final StandInContext ctx;
    private int port;
    private Listener listener;

    private StandInOllama(String host) {
        this.host = host;
        ModelRegistry models = new ModelRegistry(Clock.systemDefaultZone());
        models.setInstalled(DEFAULT_MODEL_A, DEFAULT_MODEL_B);
        this.ctx = new StandInContext(new Knobs(), new Stats(), models, new ModelSlots(),
                new GoTime(Clock.systemUTC()));
    }

    /** Starts on 127.0.0.1 on an ephemeral port with the default models. */
    public static StandInOllama start() {
        return start(0);
    }

    /** Starts on 127.0.0.1 on the given port (0 = ephemeral). */
    public static StandInOllama start(int port) {
        return start("127.0.0.1", port);
    }

    /** Starts on the given host address and port (0 = ephemeral). */
    public static StandInOllama start(String host, int port) {
        StandInOllama standIn = new StandInOllama(host);
        standIn.bind(port, Duration.ZERO);
        return standIn;
    }

    /** The port, known even while stopped. */
    public synchronized int port() {
        return port;
    }

    /** {@code http://HOST:PORT}, without a trailing slash. */
    public URI baseUri() {
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /** Closes the listener and every open connection now, like killing Ollama; the port stays known. */
    public synchronized void stop() {
        if (listener != null) {
            listener.stop();
            listener = null;
            log.info("stand-in Ollama on port {} stopped", port);
        }
    }

    /** Stops if running, then binds the same port again, retrying for a few seconds if it is still busy. */
    public synchronized void restart() {
        stop();
        bind(port, REBIND_PATIENCE);
    }

    public synchronized boolean isRunning() {
        return listener != null;
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Replaces the installed models ({@code name:tag}; a bare name gets {@code :latest}). */
    public void setModels(String... names) {
        ctx.models().setInstalled(names);
    }

    /**
     * Gives a model (installed now if missing) the capabilities {@code /api/show} lists, e.g.
     * {@code completion}, {@code vision}, {@code thinking}, {@code tools}, and the context length its
     * {@code model_info} reports. Models start with {@code ["completion"]} and 2048.
     */
    public void setCapabilities(String name, List<String> capabilities, int contextLength) {
        ctx.models().setTraits(name, capabilities, contextLength);
    }

    /**
     * Makes a model (installed now if missing) think as {@code style}: its capabilities, its {@code /api/show}
     * {@code thinking} controls, what it accepts as {@code think} and how its replies carry the reasoning. The
     * reasoning is {@value ThinkingReply#PREFIX} plus the last user message and the level, in word-sized pieces.
     */
    public void setThinking(String name, Thinking style) {
        ctx.models().setThinking(name, style);
    }

    /**
     * Installs a cloud model (name ending {@code :cloud} or {@code -cloud}) whose tags entry carries
     * {@code remote_model} and {@code remote_host} {@code https://ollama.com:443}, as Ollama lists them.
     */
    public void addCloudModel(String name) {
        ctx.models().addRemote(name, "https://ollama.com:443");
    }

    /**
     * Whether {@code /api/tags} entries carry {@code capabilities}, as newer Ollama versions do (default off,
     * as older ones: clients then ask {@code /api/show}).
     */
    public void setCapabilitiesInTags(boolean on) {
        ctx.knobs().capabilitiesInTags(on);
    }

    /** How many {@code /api/show} requests were answered or refused so far. */
    public int showCalls() {
        return ctx.stats().showCalls();
    }

    /** The installed models as {@code /api/tags} names them. */
    public List<String> models() {
        return ctx.models().installed().stream().map(ModelInfo::name).toList();
    }

    /**
     * Sets what {@code /api/ps} reports (installing any that are missing). Chat requests also
     * load their model, and the {@code keep_alive:0} shortcut unloads it, as in Ollama.
     */
    public void setLoadedModels(String... names) {
        ctx.models().setLoaded(names);
    }

    /** Delay between streamed chunks (default 5 ms). */
    public void setTokenDelay(Duration d) {
        ctx.knobs().tokenDelay(d);
    }

    /** Delay before the headers and first chunk, i.e. queue + model load + prompt evaluation (default 0). */
    public void setLoadDelay(Duration d) {
        ctx.knobs().loadDelay(d);
    }

    /** The tokens to stream for a request, one chunk each; {@code null} restores the default reply. */
    public void setReply(Function<ChatCall, List<String>> replyTokens) {
        ctx.knobs().reply(replyTokens);
    }

    /** The misbehaviour for following chat requests; {@code null} means {@link Fault#NONE}. */
    public void setFault(Fault fault) {
        ctx.knobs().fault(fault);
    }

    /** {@code OLLAMA_NUM_PARALLEL}: concurrent chat requests per model (default 1, Ollama's default). */
    public void setNumParallel(int n) {
        ctx.slots().setNumParallel(n);
    }

    /** The version {@code /api/version} reports (default {@value Knobs#DEFAULT_VERSION}). */
    public void setVersion(String version) {
        ctx.knobs().version(version);
    }

    /** Every well-formed {@code /api/chat} request received, in arrival order, including rejected ones. */
    public List<ChatCall> chatCalls() {
        return ctx.stats().calls();
    }

    /**
     * How many different client connections (address and port) sent {@code /api/chat} requests: fewer than
     * {@link #chatCalls()} when a client keeps its connections alive and reuses them.
     */
    public int chatConnections() {
        return ctx.stats().chatConnections();
    }

    /**
     * How many streams ended because a write failed after the client closed the connection. The
     * JDK server only notices a departed client when a write fails (usually the second write after
     * the close), so a client leaving during the load delay is counted once the first tokens go
     * out, and one leaving a silent {@code STALL_*} request is never counted.
     */
    public int cancelledStreams() {
        return ctx.stats().cancelledStreams();
    }

    /**
     * Streaming chat requests from getting their model slot (before the load delay) until they end;
     * a {@link Fault#STALL_MID_STREAM} stream stays counted until stop() even if its client left.
     */
    public int openStreams() {
        return ctx.stats().openStreams();
    }

    /**
     * The most streaming generations that ran at the same moment since the stand-in started, each counted from
     * its model slot until just before its final line (once the client has that line it may send the next
     * request, so a stream still closing does not count).
     */
    public int mostConcurrentGenerations() {
        return ctx.stats().mostConcurrentGenerations();
    }

    /**
     * Content chunks written so far over all streams (a write that returned, i.e. the bytes were handed to
     * the kernel). A count that stops growing while a stream is open means the client stopped reading.
     */
    public long chunksWritten() {
        return ctx.stats().chunksWritten();
    }

    /** Completes with the call whose stream is next detected as cancelled by its client. */
    public CompletableFuture<ChatCall> nextCancellation() {
        return ctx.stats().nextCancellation();
    }

    /** Caps how long the STALL faults wait before dropping the connection (default 10 minutes). */
    void setStallCap(Duration cap) {
        ctx.knobs().stallCap(cap);
    }

    private void bind(int requestedPort, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                listener = Listener.open(host, requestedPort, ctx);
                port = listener.port();
                log.info("stand-in Ollama listening on {}", baseUri());
                return;
            } catch (BindException e) {
                if (System.nanoTime() >= deadline) {
                    throw new UncheckedIOException("cannot bind " + host + ":" + requestedPort, e);
                }
                Exchanges.pause(Duration.ofMillis(50)); // e.g. the old socket is still being torn down
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the stand-in on " + host + ":" + requestedPort, e);
            }
        }
    }
}
