package io.lanchat.server.ollama;

/**
 * Takes the reasoning out of a reply whose content starts with {@code <think>…</think>}, as models did whose
 * template Ollama does not parse (older deepseek-r1 and qwen3 pulls). Fed the content as it streams, in pieces cut
 * anywhere, even inside a tag; only a block at the very start (after whitespace) counts, so an answer that merely
 * mentions the tag stays as written. The blank lines between the block and the answer are dropped.
 *
 * <p>Holds at most a few characters back (a tag that may be starting), plus leading whitespace up to a bound. Not
 * thread-safe: one per reply, on its event loop.
 */
final class ThinkTagSplitter {
    static final String OPEN = "<think>";
    static final String CLOSE = "</think>";
    /** Leading whitespace held while waiting for a tag; past this the reply is taken as a plain answer. */
    private static final int MAX_LEADING = 256;

    /** Where the pieces go. */
    interface Sink {
        void thinking(String text);

        void answer(String text);
    }

    private enum State { START, THINKING, AFTER_THINKING, ANSWER }

    private State state = State.START;
    private final StringBuilder held = new StringBuilder();

    /** Whether {@code firstContent} opens a reasoning block (a cheap look before feeding it). */
    static boolean opensThinking(String firstContent) {
        return firstContent.stripLeading().startsWith(OPEN);
    }

    void accept(String text, Sink sink) {
        if (text.isEmpty()) {
            return;
        }
        switch (state) {
            case ANSWER -> sink.answer(text);       // the common case: no copy
            case START -> start(text, sink);
            case THINKING -> thinking(text, sink);
            case AFTER_THINKING -> afterThinking(text, sink);
        }
    }

    /** The reply ended: what was held back is given out as what it was taken for. */
    void finish(Sink sink) {
        String rest = held.toString();
        held.setLength(0);
        if (rest.isEmpty()) {
            return;
        }
        if (state == State.THINKING) {
            sink.thinking(rest);
        } else if (state == State.START) {
            sink.answer(rest);
        }
    }

    private void start(String text, Sink sink) {
        held.append(text);
        String begun = held.toString().stripLeading();
        if (begun.startsWith(OPEN)) {
            held.setLength(0);
            state = State.THINKING;
            thinking(begun.substring(OPEN.length()), sink);
        } else if ((begun.isEmpty() || OPEN.startsWith(begun)) && held.length() <= MAX_LEADING) {
            // Still whitespace, or the start of the tag: wait for more.
        } else {
            state = State.ANSWER;
            String all = held.toString();
            held.setLength(0);
            sink.answer(all);
        }
    }

    private void thinking(String text, Sink sink) {
        held.append(text);
        int close = held.indexOf(CLOSE);
        if (close >= 0) {
            String reasoning = held.substring(0, close);
            String after = held.substring(close + CLOSE.length());
            held.setLength(0);
            if (!reasoning.isEmpty()) {
                sink.thinking(reasoning);
            }
            state = State.AFTER_THINKING;
            afterThinking(after, sink);
            return;
        }
        int keep = partialCloseAtEnd();
        if (held.length() > keep) {
            String reasoning = held.substring(0, held.length() - keep);
            held.delete(0, held.length() - keep);
            sink.thinking(reasoning);
        }
    }

    private void afterThinking(String text, Sink sink) {
        String answer = text.stripLeading();
        if (!answer.isEmpty()) {
            state = State.ANSWER;
            sink.answer(answer);
        }
    }

    /** How many characters at the end of {@code held} could be the start of {@code </think>}. */
    private int partialCloseAtEnd() {
        int max = Math.min(CLOSE.length() - 1, held.length());
        for (int length = max; length > 0; length--) {
            if (endsWithStartOfClose(length)) {
                return length;
            }
        }
        return 0;
    }

    private boolean endsWithStartOfClose(int length) {
        int from = held.length() - length;
        for (int i = 0; i < length; i++) {
            if (held.charAt(from + i) != CLOSE.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
