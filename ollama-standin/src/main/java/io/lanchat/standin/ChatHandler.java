package io.lanchat.standin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * {@code POST /api/chat}: parses and validates in Ollama's order (body, model, messages), records
 * the call, answers the load/unload shortcut, and hands real generation to {@link ChatStreamer}.
 */
final class ChatHandler implements Router.Endpoint {

    private final StandInContext ctx;
    private final BooleanSupplier stopping;

    ChatHandler(StandInContext ctx, BooleanSupplier stopping) {
        this.ctx = ctx;
        this.stopping = stopping;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long received = System.nanoTime();
        ChatRequestParser.ParsedChat request = ChatRequestParser.parse(Exchanges.readBody(exchange));
        ChatCall call = request.call();
        ctx.stats().record(call, exchange.getRemoteAddress());
        if (call.model().isBlank()) {
            throw new ApiError(400, "model is required");
        }
        ModelInfo model = ctx.models().find(call.model()).orElseThrow(
                // Ollama echoes the name exactly as sent here (show, by contrast, normalises it)
                () -> new ApiError(404, "model '" + call.model() + "' not found"));
        ThinkingReply thinking = ThinkingReply.plan(model, call);      // capabilities are checked before loading
        Vision.check(model, call);
        if (call.messages().isEmpty()) {
            shortcut(exchange, call, request.keepAliveZero());
            return;
        }
        // Ollama tokenizes and refuses in the runner, once the model is loaded: ChatStreamer answers after the load.
        boolean tooLong = request.refuseOverlong() && PromptTokens.estimate(call.messages()) > model.contextLength();
        new ChatStreamer(ctx, stopping).run(exchange, call, thinking, received, tooLong);
    }

    /** Empty messages: Ollama only loads (or, with keep_alive 0, unloads) the model and says so. */
    private void shortcut(HttpExchange exchange, ChatCall call, boolean unload) throws IOException {
        String reason;
        if (unload) {
            ctx.models().unload(call.model());
            reason = "unload";
        } else {
            Exchanges.pause(ctx.knobs().loadDelay());
            ctx.models().markLoaded(call.model());
            reason = "load";
        }
        Exchanges.sendJson(exchange, 200,
                ChatChunks.shortcut(call.model(), ctx.time().nextCreatedAt(), reason));
    }
}
