package io.lanchat.server.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inline {@code <think>…</think>} splitter, fed content in pieces cut anywhere. */
final class ThinkTagSplitterTest {

    private final ThinkTagSplitter splitter = new ThinkTagSplitter();
    private final StringBuilder thinking = new StringBuilder();
    private final StringBuilder answer = new StringBuilder();
    private final List<String> order = new ArrayList<>();
    private final ThinkTagSplitter.Sink sink = new ThinkTagSplitter.Sink() {
        @Override
        public void thinking(String text) {
            thinking.append(text);
            order.add("t");
        }

        @Override
        public void answer(String text) {
            answer.append(text);
            order.add("a");
        }
    };

    private void feed(String... pieces) {
        for (String piece : pieces) {
            splitter.accept(piece, sink);
        }
        splitter.finish(sink);
    }

    @Test
    void splitsABlockThatArrivesInWholeTags() {
        feed("<think>", "Two and two", "</think>", "\n\n", "Four.");

        assertThat(thinking).hasToString("Two and two");
        assertThat(answer).hasToString("Four.");
    }

    @Test
    void findsAnOpeningTagSplitAcrossPieces() {
        feed("<th", "ink>so", "</think>yes");

        assertThat(thinking).hasToString("so");
        assertThat(answer).hasToString("yes");
    }

    @Test
    void findsAClosingTagSplitAcrossPieces() {
        feed("<think>a b", "</", "thi", "nk", ">", "c");

        assertThat(thinking).hasToString("a b");
        assertThat(answer).hasToString("c");
    }

    @Test
    void findsTagsSplitOneCharacterAtATime() {
        feed("<think>x</think>y".split(""));

        assertThat(thinking).hasToString("x");
        assertThat(answer).hasToString("y");
    }

    @Test
    void aBlockAndTheAnswerInOnePiece() {
        feed("<think>why</think>\n\nbecause");

        assertThat(thinking).hasToString("why");
        assertThat(answer).hasToString("because");
    }

    @Test
    void leadingWhitespaceBeforeTheTagIsAllowed() {
        feed("\n", "  <think>", "hm", "</think>ok");

        assertThat(thinking).hasToString("hm");
        assertThat(answer).hasToString("ok");
    }

    @Test
    void aReplyWithoutATagIsAllAnswerUnchanged() {
        feed("  Hello", " world");

        assertThat(thinking).isEmpty();
        assertThat(answer).hasToString("  Hello world");
    }

    @Test
    void aTagLaterInTheAnswerIsLeftInIt() {
        feed("Use ", "<think>", " tags</think>.");

        assertThat(thinking).isEmpty();
        assertThat(answer).hasToString("Use <think> tags</think>.");
    }

    @Test
    void somethingThatOnlyStartsLikeTheTagIsAnswer() {
        feed("<thin", "g>");

        assertThat(thinking).isEmpty();
        assertThat(answer).hasToString("<thing>");
    }

    @Test
    void aPartialClosingTagThatIsNotOneStaysInTheReasoning() {
        feed("<think>a </th", "ese>b", "</think>c");

        assertThat(thinking).hasToString("a </these>b");
        assertThat(answer).hasToString("c");
    }

    @Test
    void aReplyThatEndsWhileThinkingKeepsAllItsReasoning() {
        feed("<think>cut off </thi");

        assertThat(thinking).hasToString("cut off </thi");
        assertThat(answer).isEmpty();
    }

    @Test
    void aReplyThatEndsOnAPartialOpeningTagGivesItAsAnswer() {
        feed("<thi");

        assertThat(thinking).isEmpty();
        assertThat(answer).hasToString("<thi");
    }

    @Test
    void anEmptyBlockGivesNoReasoning() {
        feed("<think></think>", "Hi");

        assertThat(order).containsExactly("a");
        assertThat(answer).hasToString("Hi");
    }

    @Test
    void reasoningStreamsOnWithoutWaitingForTheClosingTag() {
        splitter.accept("<think>one", sink);
        splitter.accept(" two", sink);

        assertThat(thinking).hasToString("one two");
    }

    @Test
    void endlessLeadingWhitespaceIsAnswerAfterABound() {
        String spaces = " ".repeat(300);

        splitter.accept(spaces, sink);

        assertThat(answer).hasToString(spaces);
    }

    @Test
    void supplementaryCharactersAroundTheTagsSurviveWhole() {
        feed("<think>🦙", "</think>", "日本 😀");

        assertThat(thinking).hasToString("🦙");
        assertThat(answer).hasToString("日本 😀");
    }

    @Test
    void onlyTheFirstBlockIsReasoning() {
        feed("<think>a</think>b<think>c</think>");

        assertThat(thinking).hasToString("a");
        assertThat(answer).hasToString("b<think>c</think>");
    }
}
