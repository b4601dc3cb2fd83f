package io.lanchat.standin;

import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates one validated chat reply: waits for a model slot and the load delay, then streams the
 * reply tokens as NDJSON (or answers one object for {@code stream:false}), applying the active
 * {@link Fault}. A failed write is counted as a client cancellation unless the stand-in is stopping.
 */
final class ChatStreamer {

    private static final Logger log = LoggerFactory.getLogger(ChatStreamer.class);
    /** Faults that cut the reply short after the first few content chunks. */
    private static final Set<Fault> CUT_SHORT = EnumSet.of(
            Fault.ERROR_MID_STREAM, Fault.RESET_MID_STREAM, Fault.STALL_MID_STREAM, Fault.MALFORMED_LINE);
    private static final int FEW = 2;

    private final StandInContext ctx;
    private final BooleanSupplier stopping;

    ChatStreamer(StandInContext ctx, BooleanSupplier stopping) {
        this.ctx = ctx;
        this.stopping = stopping;
    }

    /**
     * Answers {@code call}; {@code tooLong}: the prompt exceeds the model's context and {@code truncate} is false, so
     * the answer, after the load, is Ollama's 400 {@link ChatChunks#INPUT_TOO_LONG}.
     */
    void run(HttpExchange exchange, ChatCall call, ThinkingReply thinking, long received, boolean tooLong)
            throws IOException {
        Fault fault = ctx.knobs().fault();
        if (fault == Fault.HTTP_503_BUSY) {
            throw new ApiError(503, ChatChunks.SERVER_BUSY);
        }
        if (fault == Fault.STALL_BEFORE_FIRST_TOKEN) {
            // Stalls before taking a model slot, like a request stuck in Ollama's scheduler. Holding
            // the slot would block every later request for the model: the JDK server gives no way to
            // notice this client leaving, so the slot could not be freed as Ollama would free it.
            stall();
        }
        List<String> reasoning = thinking.thinkingChunks();
        List<String> tokens = thinking.content(ctx.knobs().replyFor(call, fault));
        try (ModelSlots.Slot slot = acquireSlot(call.model())) {
            long loadStart = System.nanoTime();
            Exchanges.pause(ctx.knobs().loadDelay());
            Timing timing = new Timing(received, loadStart, System.nanoTime());
            ctx.models().markLoaded(call.model());
            if (fault == Fault.HTTP_500) {
                throw new ApiError(500, ChatChunks.RUNNER_STOPPED);
            }
            if (tooLong) {
                throw new ApiError(400, ChatChunks.INPUT_TOO_LONG);
            }
            if (!call.stream()) {
                single(exchange, call, reasoning, tokens, fault, timing);
                return;
            }
            ctx.stats().streamOpened();
            Stats.Generation generation = ctx.stats().generationStarted();
            try {
                stream(exchange, call, reasoning, tokens, fault, timing, slot, generation);
            } catch (ClientGoneException e) {
                if (!stopping.getAsBoolean()) {
                    log.debug("client closed the connection mid-stream: {}", e.getMessage());
                    ctx.stats().cancelled(call);
                }
                throw new AbortConnection("client closed the connection");
            } finally {
                generation.end();
                ctx.stats().streamClosed();
            }
        }
    }

    private void stream(HttpExchange exchange, ChatCall call, List<String> reasoning, List<String> tokens, Fault fault,
                        Timing timing, ModelSlots.Slot slot, Stats.Generation generation) throws ClientGoneException {
        NdjsonWriter out = new NdjsonWriter(exchange, fault == Fault.SPLIT_CHUNKS);
        if (fault == Fault.ERROR_FIRST_LINE_LEGACY) {
            out.line(GoJson.error(ChatChunks.RUNNER_STOPPED));
            out.finish();
            return;
        }
        Duration tokenDelay = ctx.knobs().tokenDelay();
        for (int i = 0; i < reasoning.size(); i++) {    // Ollama streams the reasoning before the answer
            if (i > 0) {
                Exchanges.pause(tokenDelay);
            }
            out.line(ChatChunks.thinking(call.model(), ctx.time().nextCreatedAt(), reasoning.get(i)));
            timing.tokenSent();
            ctx.stats().chunkWritten();
        }
        int count = CUT_SHORT.contains(fault) ? Math.min(FEW, tokens.size()) : tokens.size();
        for (int i = 0; i < count; i++) {
            if (i > 0 || !reasoning.isEmpty()) {
                Exchanges.pause(tokenDelay);
            }
            out.line(ChatChunks.content(call.model(), ctx.time().nextCreatedAt(), tokens.get(i)));
            timing.tokenSent();
            ctx.stats().chunkWritten();
        }
        Exchanges.pause(tokenDelay);
        generation.end();
        switch (fault) {
            case ERROR_MID_STREAM -> out.line(GoJson.error(ChatChunks.MID_STREAM_ERROR));
            case RESET_MID_STREAM -> throw new AbortConnection("fault RESET_MID_STREAM");
            case STALL_MID_STREAM -> {
                slot.close(); // see run(): a slot held by a stall could never be freed by its client leaving
                stall();
            }
            case MALFORMED_LINE -> out.raw(malformed(call.model()));
            case END_WITHOUT_DONE -> log.debug("fault END_WITHOUT_DONE: ending without a done line");
            default -> out.line(ChatChunks.done(call.model(), ctx.time().nextCreatedAt(), "",
                    timing.metrics(call, reasoning.size() + count)));
        }
        out.finish();
    }

    /** {@code stream:false}: Ollama generates everything, then answers one object (or one error). */
    private void single(HttpExchange exchange, ChatCall call, List<String> reasoning, List<String> tokens,
                        Fault fault, Timing timing) throws IOException {
        timing.tokenSent();
        for (int i = 1; i < tokens.size(); i++) {
            Exchanges.pause(ctx.knobs().tokenDelay());
        }
        switch (fault) {
            case ERROR_MID_STREAM -> throw new ApiError(500, ChatChunks.MID_STREAM_ERROR);
            case ERROR_FIRST_LINE_LEGACY -> throw new ApiError(500, ChatChunks.RUNNER_STOPPED);
            case RESET_MID_STREAM -> throw new AbortConnection("fault RESET_MID_STREAM");
            case STALL_MID_STREAM -> stall();
            case MALFORMED_LINE -> {
                byte[] line = malformed(call.model());
                Exchanges.send(exchange, 200, Exchanges.JSON, Arrays.copyOf(line, line.length - 1));
            }
            default -> {
                byte[] body = GoJson.bytes(ChatChunks.done(call.model(), ctx.time().nextCreatedAt(),
                        String.join("", tokens), String.join("", reasoning),
                        timing.metrics(call, reasoning.size() + tokens.size())));
                if (fault == Fault.SPLIT_CHUNKS) {
                    sendInPieces(exchange, body);
                } else {
                    Exchanges.send(exchange, 200, Exchanges.JSON, body);
                }
            }
        }
    }

    /** Waits for stop() (which interrupts this thread) or the cap; either way the connection drops. */
    private void stall() {
        Exchanges.pause(ctx.knobs().stallCap());
        throw new AbortConnection("stall cap reached");
    }

    private ModelSlots.Slot acquireSlot(String model) {
        try {
            return ctx.slots().acquire(model);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbortConnection("stand-in stopped while waiting for a model slot");
        }
    }

    /** The not-JSON line of {@link Fault#MALFORMED_LINE}: {@code {"model":"<model>",} and a newline. */
    private static byte[] malformed(String model) {
        String quoted = new String(GoJson.bytes(TextNode.valueOf(model)), StandardCharsets.UTF_8);
        return ("{\"model\":" + quoted + ",\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void sendInPieces(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", Exchanges.JSON);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int offset = 0, size = 1; offset < body.length; offset += size, size = size % 5 + 1) {
                out.write(body, offset, Math.min(size, body.length - offset));
                out.flush();
            }
        }
        exchange.close();
    }
}
