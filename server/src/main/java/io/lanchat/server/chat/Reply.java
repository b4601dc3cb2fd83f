package io.lanchat.server.chat;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.protocol.ReplyStats;
import io.lanchat.protocol.ReplyTiming;
import io.lanchat.server.backend.Backend;
import io.lanchat.server.backend.Job;
import io.lanchat.server.backend.JobListener;
import io.lanchat.server.monitor.UserFacingStatus;
import io.lanchat.server.ollama.ChatStream;
import io.lanchat.server.ollama.OllamaChatRequest;
import io.lanchat.server.ollama.OllamaFailure;
import io.lanchat.server.ollama.StreamListener;
import io.lanchat.server.session.ContextWindow;
import io.lanchat.server.session.Turn;
import io.lanchat.server.usage.UsageDoors;
import io.lanchat.server.usage.UsageMeter;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One reply: waits in the fair queue for a generation slot, streams from the Ollama backend it was given (moving
 * to another one if that backend fails before the first token), and keeps every delta, numbered, in its own log
 * ({@link ReplyText}: reasoning and answer, bounded together by {@code --max-reply-chars}). Ollama is read at its own
 * speed and the slot is released as soon as generation ends; {@link ReplyDelivery} hands the log to the client at
 * the client's speed, and again to a client that resumes.
 *
 * <p>Scheduler callbacks arrive on the scheduler's loop and hop to the conversation's (a slot free at once is
 * granted on the conversation's loop, inside {@link #enqueue}); Ollama callbacks arrive on the conversation's loop
 * already.
 */
final class Reply implements StreamListener, JobListener {
    /** A first token later than this after the request reached Ollama is reported as a model load. */
    private static final long LATE_FIRST_TOKEN_MILLIS = 2_000;

    final String requestId;
    /** What it answers, as the history keeps it. */
    final ReplyQuestion question;
    private final Conversation conversation;
    private final String model;
    /** Shortened, with {@link #request}, each time Ollama refuses the prompt as too long for the context. */
    private ContextWindow window;
    /** What goes to Ollama: the history without any reasoning, the options, and {@code think} if any. */
    private OllamaChatRequest request;
    private final ContextRefusals contextRefusals = new ContextRefusals();
    private final Job job;
    private final ReplyText written;
    private final DeltaLog deltas;
    private final ReplyDelivery delivery;
    /** This reply in the usage per user and model (both doors'); counted once, however it ends. */
    private final UsageMeter usage;
    /** The same reply as the conversation's watchers (share links' viewers) see it. */
    private final WatcherDeliveries watchers;
    private final long createdNanos = System.nanoTime();
    /** Ollama's figures, once generation has ended. */
    private ReplyStats stats;
    private long grantedNanos;
    private long firstTokenNanos;
    private Backend backend;
    private boolean loadingSent;
    private boolean started;
    /** Ollama has finished (or was stopped at the length limit): no slot held, only delivery left. */
    private boolean generated;
    private ChatStream stream;

    Reply(Conversation conversation, String requestId, ReplyQuestion question, ContextWindow window,
          OllamaChatRequest request, String clientKey) {
        this.conversation = conversation;
        this.requestId = requestId;
        this.model = request.model();
        this.question = question;
        this.window = window;
        this.request = request;
        this.job = new Job(clientKey, model, this);
        this.written = new ReplyText(conversation.services().replies().maxReplyChars());
        this.deltas = written.log();
        this.delivery = new ReplyDelivery(conversation.deliveryTarget(), requestId, deltas);
        this.usage = conversation.services().metrics().usage().meter(UsageDoors.PAGE, clientKey, model);
        this.watchers = new WatcherDeliveries(conversation.sessionId(), conversation.audiences(), requestId, deltas,
                question.shown());
    }

    /** The message this reply makes a new version of, or -1 for a chat's reply (the next exchange). */
    int versionOf() {
        return question.versionOf();
    }

    void enqueue() {
        conversation.services().scheduler().submit(job);   // first: the GPU's queue does not wait for the room
        watchers.asked();
    }

    String model() {
        return model;
    }

    /** All the text Ollama wrote so far. */
    String text() {
        return deltas.text();
    }

    /** All the reasoning Ollama wrote so far; "" when the model did not think. */
    String thinking() {
        return deltas.thinking();
    }

    /** The text as far as it reached the client. */
    String deliveredText() {
        return delivery.deliveredText();
    }

    long deltaCount() {
        return deltas.size();
    }

    boolean generated() {
        return generated;
    }

    /** This reply as the history keeps it, all it wrote (reasoning apart), finished or stopped part-way. */
    Turn replyTurn(boolean cancelled) {
        return turn(text(), thinking(), cancelled);
    }

    /** This reply stopped by the user: as far as it reached them. */
    Turn deliveredTurn() {
        return turn(delivery.deliveredText(), delivery.deliveredThinking(), true);
    }

    private Turn turn(String text, String thinking, boolean cancelled) {
        return Turn.reply(text, cancelled, model, cancelled ? null : stats, Instant.now())
                .withThinking(thinking.isEmpty() ? null : thinking)
                .withThinkingMs(thinking.isEmpty() ? null : written.clock().millis(System.nanoTime()));
    }

    /** A client resumed: sends the deltas from {@code seq} on, then the live rest. */
    void replayFrom(long seq) {
        if (delivery.restartFrom(seq)) {
            conversation.finish(this);
        }
    }

    /** The client, or a watcher, can take more. */
    void deliverMore() {
        watchers.pump(true);
        if (delivery.pump(true)) {
            conversation.finish(this);
        }
    }

    /** The reply is over and recorded: watchers left behind get the conversation again. */
    void settleWatchers() {
        watchers.settle(question.versionOf() >= 0);
    }

    /** Stops the reply wherever it is: leaves the queue, or closes the stream to Ollama. */
    void cancelStream() {
        if (stream != null && !generated) {
            stream.cancel();
        }
        usage.finished(null, null);
        conversation.services().scheduler().release(job);
    }

    /** A client that resumed while this reply waits in the queue hears its place again. */
    void reannounceQueuePosition() {
        if (stream == null) {
            conversation.services().scheduler().reannounce(job);
        }
    }

    // JobListener: on the scheduler's loop, or on the conversation's when granted at once.

    @Override
    public void queued(int position, Long etaMs) {
        conversation.execute(() -> {
            if (conversation.isCurrent(this)) {
                conversation.send(ReplyPhase.queued(requestId, position, etaMs));
                conversation.flush();
            }
        });
    }

    @Override
    public void granted(Backend granted) {
        conversation.execute(() -> {
            if (!conversation.isCurrent(this)) {
                conversation.services().scheduler().release(job);     // cancelled meanwhile
                return;
            }
            backend = granted;
            grantedNanos = System.nanoTime();
            usage.granted();
            if (!granted.state().isLoaded(model)) {
                sendLoading();
            } else {
                conversation.loop().schedule(() -> {
                    if (conversation.isCurrent(this) && !started && backend == granted) {
                        sendLoading();
                    }
                }, LATE_FIRST_TOKEN_MILLIS, TimeUnit.MILLISECONDS);
            }
            stream = granted.client().streamChat(conversation.loop(), request, this);
        });
    }

    @Override
    public void rejected(Rejection rejection, Long etaMs) {
        conversation.execute(() -> {
            if (!conversation.isCurrent(this)) {
                return;
            }
            conversation.failed(this);
            ReplyErrors.Refusal refusal = ReplyErrors.rejected(rejection, etaMs, model);
            conversation.error(requestId, refusal.code(), refusal.message(), true);
        });
    }

    private void sendLoading() {
        if (!loadingSent) {
            loadingSent = true;
            conversation.send(ReplyPhase.of(requestId, ReplyPhase.Phase.LOADING));
            conversation.flush();
        }
    }

    // StreamListener: on the conversation's loop.

    @Override
    public void onStarted(boolean thinking) {
        started = true;
        firstTokenNanos = System.nanoTime();
        conversation.send(ReplyPhase.of(requestId, thinking ? ReplyPhase.Phase.THINKING : ReplyPhase.Phase.GENERATING));
        ReplyStarted startedFrame = new ReplyStarted(requestId, model, window.messages().size(), window.trimmed(),
                window.trimmed() == 0 ? null : window.forContext() ? ReplyStarted.TRIMMED_FOR_CONTEXT
                        : ReplyStarted.TRIMMED_FOR_BUDGET);
        conversation.send(startedFrame);
        watchers.started(startedFrame);
        if (thinking) {
            written.clock().reasoning(firstTokenNanos);
        }
    }

    @Override
    public void onThinking(String text) {
        if (!written.clock().thought() && deltas.size() == 0) {
            // The first chunk looked like an answer (a tag split across chunks): the model thinks after all.
            conversation.send(ReplyPhase.of(requestId, ReplyPhase.Phase.THINKING));
        }
        add(text, true);
    }

    @Override
    public void onDelta(String text) {
        add(text, false);
    }

    private void add(String text, boolean reasoning) {
        boolean room = written.add(text, reasoning, System.nanoTime());
        conversation.services().metrics().tokenRelayed();
        if (!room) {
            // The reply reached --max-reply-chars: stop Ollama and end the reply as cut short by its length.
            stream.cancel();
            endGeneration("length", new ReplyStats(null, null, null, null, null, null));
            return;
        }
        delivery.pump(false);
        watchers.pump(false);
    }

    @Override
    public void onBatchEnd() {
        if (!generated) {
            delivery.pump(true);
            watchers.pump(true);
        }
    }

    @Override
    public void onDone(String doneReason, ReplyStats stats) {
        endGeneration(doneReason, stats);
    }

    private void endGeneration(String doneReason, ReplyStats stats) {
        generated = true;
        this.stats = stats;
        usage.finished(stats.promptTokens(), stats.replyTokens());
        conversation.services().scheduler().release(job);         // the GPU is free: delivery needs no slot
        long now = System.nanoTime();
        ReplyTiming timing = new ReplyTiming(millis(grantedNanos - createdNanos), millis(firstTokenNanos - createdNanos),
                millis(now - createdNanos), written.clock().millis(now));
        conversation.services().metrics().replyFinished(timing.queuedMs(), timing.firstTokenMs(),
                stats.tokensPerSecond());
        ReplyDone done = new ReplyDone(requestId, model, doneReason, stats, timing);
        watchers.end(done);
        boolean delivered = delivery.end(done);
        if (delivered || !conversation.isAttached()) {
            conversation.finish(this);
        }
    }

    @Override
    public void onFailure(OllamaFailure failure) {
        if (!conversation.isCurrent(this)) {
            conversation.services().scheduler().release(job);     // stopped meanwhile: nothing to tell
            return;
        }
        if (!started && failure.contextExceeded()) {
            leaveOutOlderTurns();
            return;
        }
        Backend failed = backend;
        if (!started && ReplyErrors.movesElsewhere(failure)
                && ReplyErrors.anotherBackendCouldServe(conversation.services(), failed, model)) {
            // Nothing reached the user yet: try another backend without the user retyping anything.
            Conversation.log().info("session {}: backend {} failed before the first token ({}); moving the request",
                    conversation.shortId(), failed.name(), failure.kind());
            if (failure.suggestsOllamaDown()) {
                failed.monitor().reportUnreachable(failure.message());
            }
            stream = null;
            backend = null;
            loadingSent = false;
            conversation.services().scheduler().retryElsewhere(job, failed);
            return;
        }
        usage.finished(null, null);
        conversation.services().scheduler().release(job);
        conversation.failed(this);
        if (failed != null && failure.suggestsOllamaDown()) {
            failed.monitor().reportUnreachable(failure.message());
        } else {
            // A 404 means the model list changed; a dropped stream may mean Ollama died: check now.
            conversation.services().backends().probeSoon();
        }
        Conversation.log().info("session {}: reply failed ({}): {}", conversation.shortId(), failure.kind(),
                failure.message());
        // Unreachable: the address and the fix are for the administrator (logged above), not for every user.
        String said = failure.kind() == OllamaFailure.Kind.UNREACHABLE ? UserFacingStatus.unreachable()
                : failure.message();
        conversation.error(requestId, ReplyErrors.codeFor(failure.kind()), said + " Your message is kept.", true);
    }

    /**
     * Ollama refused the prompt as longer than the model's context: send it again on the same backend (the slot is
     * still held) with more of the oldest turns left out, or, when only the new message is left, say so.
     */
    private void leaveOutOlderTurns() {
        ContextRefusals.Shorter shorter = contextRefusals.next(window, request);
        if (shorter != null) {
            Conversation.log().info("session {}: {} refused the prompt as too long for its context; sending again"
                    + " without {} more older turns", conversation.shortId(), model,
                    shorter.window().trimmed() - window.trimmed());
            window = shorter.window();
            request = shorter.request();
            stream = backend.client().streamChat(conversation.loop(), request, this);
            return;
        }
        conversation.services().scheduler().release(job);
        conversation.failed(this);
        Integer context = MessageSettings.contextTokens(conversation.services().backends().state().models(), model,
                request.options());
        conversation.error(requestId, ErrorCode.CONTEXT_TOO_SMALL, ContextRefusals.tooLong(model, context), false);
    }

    private static long millis(long nanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(nanos));
    }
}
