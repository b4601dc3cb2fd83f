package io.lanchat.server.ollama;

import java.util.function.BooleanSupplier;

/** Hands the pieces a {@link ThinkTagSplitter} separates to a {@link StreamListener}, until the reply is over. */
final class ListenerSink implements ThinkTagSplitter.Sink {
    private final StreamListener listener;
    private final BooleanSupplier over;

    ListenerSink(StreamListener listener, BooleanSupplier over) {
        this.listener = listener;
        this.over = over;
    }

    @Override
    public void thinking(String text) {
        if (!over.getAsBoolean()) {
            listener.onThinking(text);
        }
    }

    @Override
    public void answer(String text) {
        if (!over.getAsBoolean()) {
            listener.onDelta(text);
        }
    }
}
