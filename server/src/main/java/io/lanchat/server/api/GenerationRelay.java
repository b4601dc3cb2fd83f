package io.lanchat.server.api;

import io.lanchat.server.backend.Backend;
import io.lanchat.server.backend.Job;
import io.lanchat.server.backend.JobListener;
import io.lanchat.server.ollama.OllamaFailure;
import io.lanchat.server.ollama.Relay;
import io.lanchat.server.ollama.RelayListener;
import io.lanchat.server.usage.UsageDoors;
import io.lanchat.server.usage.UsageMeter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generation request from the API ({@code /api/chat}, {@code /api/generate}, {@code /api/embed}): waits in the
 * same fair queue as the page's chats, under the asker's identity, for at most {@code --api-max-wait} (then 503 with
 * Retry-After, as Ollama answers when its own queue is full); relays the request to the backend it is granted; and
 * moves to another backend if that one fails before answering anything. The slot is released when Ollama's answer
 * ends, or at once when the client goes away (closing the stream to Ollama stops the generation).
 *
 * <p>Scheduler callbacks hop to the client's event loop, where everything else runs.
 */
final class GenerationRelay implements JobListener, RelayListener, InFlight {
    private static final Logger log = LoggerFactory.getLogger(GenerationRelay.class);

    private enum State { WAITING, RUNNING, DONE }

    private final ApiCall call;
    private final ApiServices services;
    private final String model;
    private final Job job;
    private final ResponseRelay writer;
    private final UsageTail tail = new UsageTail();
    /** Counted once, from its first slot (a failover keeps it) to its end. */
    private final UsageMeter usage;
    private State state = State.WAITING;
    private Backend backend;
    private Relay relay;
    private Long etaMs;
    private ScheduledFuture<?> maxWait;

    GenerationRelay(ApiCall call, ApiServices services, String model) {
        this.call = call;
        this.services = services;
        this.model = model;
        this.job = new Job(call.identity().key(), model, this);
        this.writer = new ResponseRelay(call);
        this.usage = services.usage().meter(UsageDoors.API, call.identity().key(), model);
    }

    void start() {
        services.scheduler().submit(job);          // a free slot is granted at once, on this loop
        if (state == State.WAITING) {
            maxWait = loop().schedule(this::waitedTooLong, services.settings().maxWait().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    // JobListener: on the scheduler's loop, or on this one when granted at once.

    @Override
    public void queued(int position, Long etaMs) {
        onLoop(() -> this.etaMs = etaMs);
    }

    @Override
    public void granted(Backend granted) {
        onLoop(() -> {
            if (state != State.WAITING) {
                services.scheduler().release(job);      // answered or gone meanwhile: the slot goes back
                return;
            }
            state = State.RUNNING;
            cancelMaxWait();
            usage.granted();
            backend = granted;
            relay = granted.client().relay(loop(), call.method(), call.path(), call.body(), this);
            writer.relay(relay);
        });
    }

    @Override
    public void rejected(Rejection rejection, Long etaMs) {
        onLoop(() -> {
            if (state != State.WAITING) {
                return;
            }
            switch (rejection) {
                case QUEUE_FULL -> busy("server busy, please try again.  maximum pending requests exceeded", etaMs);
                case SHUTTING_DOWN -> busy("server is shutting down, please try again later", null);
                case NO_BACKEND -> noBackend();
            }
        });
    }

    private void waitedTooLong() {
        if (state == State.WAITING) {
            services.scheduler().release(job);
            busy("server busy, please try again.  waited " + services.settings().maxWait().toSeconds()
                    + " s in the queue", etaMs);
        }
    }

    private void busy(String message, Long eta) {
        end();
        long seconds = eta != null ? (eta + 999) / 1000 : Math.max(1, services.settings().maxWait().toSeconds());
        ApiReplies.retryLater(call.ctx(), call.keepAlive(), HttpResponseStatus.SERVICE_UNAVAILABLE, message, seconds);
        call.finished().run();
    }

    /** Nobody up has the model: unknown (Ollama's 404, with the name as sent), or its backends are down (503). */
    private void noBackend() {
        end();
        if (services.backends().state().hasModel(model)) {
            ApiReplies.retryLater(call.ctx(), call.keepAlive(), HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "no reachable Ollama backend has model '" + model + "' right now", 5);
        } else {
            ApiReplies.error(call.ctx(), call.keepAlive(), HttpResponseStatus.NOT_FOUND,
                    "model '" + model + "' not found");
        }
        call.finished().run();
    }

    // RelayListener: on this loop.

    @Override
    public void onHead(HttpResponse head) {
        if (head.status().code() == 503 && anotherBackendCouldServe()) {
            relay.cancel();                           // this Ollama's own queue is full: try the next one
            moveElsewhere("answered 503");
            return;
        }
        writer.onHead(head);
    }

    @Override
    public void onContent(ByteBuf content) {
        tail.add(content);
        writer.onContent(content);
    }

    @Override
    public void onBatchEnd() {
        writer.onBatchEnd();
    }

    @Override
    public void onEnd() {
        end();
        writer.onEnd();
    }

    @Override
    public void onFailure(OllamaFailure failure) {
        if (!writer.headWritten() && movesElsewhere(failure) && anotherBackendCouldServe()) {
            if (failure.suggestsOllamaDown()) {
                backend.monitor().reportUnreachable(failure.message());
            }
            moveElsewhere(failure.kind().toString());
            return;
        }
        end();
        if (failure.suggestsOllamaDown()) {
            backend.monitor().reportUnreachable(failure.message());
        } else {
            services.backends().probeSoon();
        }
        writer.onFailure(failure);
    }

    /** Nothing reached the client yet: back to the head of the line, for another backend. */
    private void moveElsewhere(String why) {
        log.info("API {}: backend {} failed before answering ({}); moving the request", call.path(), backend.name(),
                why);
        Backend failed = backend;
        backend = null;
        relay = null;
        state = State.WAITING;
        services.scheduler().retryElsewhere(job, failed);
    }

    private static boolean movesElsewhere(OllamaFailure failure) {
        return switch (failure.kind()) {
            case UNREACHABLE, BUSY, INCOMPLETE, TIMEOUT -> true;
            case MODEL_NOT_FOUND, ERROR -> false;
        };
    }

    private boolean anotherBackendCouldServe() {
        return services.backends().backends().stream()
                .anyMatch(b -> b != backend && b.state().status().available() && b.state().hasModel(model));
    }

    // InFlight

    @Override
    public void clientGone() {
        if (state == State.DONE) {
            return;
        }
        end();
        if (relay != null) {
            relay.cancel();
        }
    }

    @Override
    public void writable() {
        writer.writable();
    }

    /** No slot held or wanted any more. */
    private void end() {
        usage.finished(tail.promptTokens(), tail.generatedTokens());
        state = State.DONE;
        cancelMaxWait();
        services.scheduler().release(job);
    }

    private void cancelMaxWait() {
        if (maxWait != null) {
            maxWait.cancel(false);
            maxWait = null;
        }
    }

    private EventLoop loop() {
        return call.ctx().channel().eventLoop();
    }

    /** Scheduler callbacks come on its loop; state here is the client loop's alone. */
    private void onLoop(Runnable task) {
        if (loop().inEventLoop()) {
            task.run();
        } else {
            loop().execute(task);
        }
    }
}
