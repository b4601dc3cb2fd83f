package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.ReplyStats;
import io.lanchat.protocol.RoomOwnerPresence;
import io.lanchat.protocol.RoomState;
import io.lanchat.protocol.RoomTyping;
import io.lanchat.protocol.SharedMessage;
import io.lanchat.protocol.TokenDelta;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a member sees of the owner, the room's rule, and a new room_state after coming back or mid-reply. */
final class RoomViewTest {
    private static final HistoryMessage ASKED = HistoryMessage.byMember("Ana", "why tides?");
    private static final HistoryMessage ANSWER = new HistoryMessage("assistant", "The moon.", false);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final RoomView view = new RoomView(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    @Test
    void showsTheOwnerComingAndGoingAndTheRuleOfAMentionedRoomWithUnansweredMessagesAsUsual() {
        view.show(state(List.of(ASKED, ANSWER), List.of("Ana", "Bea"), "mentioned", true));
        view.show(new RoomOwnerPresence(false));
        view.show(new SharedMessage("m1", HistoryMessage.byMember("Ana", "lunch?")));
        view.show(RoomTyping.member("Ana"));
        view.show(new SharedMessage("m2", HistoryMessage.byMember("Carl", "yes")));
        view.show(new RoomOwnerPresence(true));

        assertThat(text()).containsSubsequence("== Tides (room; you are Bea) ==", "> Ana: why tides?", "The moon.",
                "* Present: Ana, Bea; the owner is here", "* The model answers only messages that mention @model",
                "* The owner left", "> Ana: lunch?", "> Carl: yes", "* The owner is back")
                .doesNotContain("typing");
    }

    @Test
    void aRoomWhereTheModelAnswersEveryMessageSaysNothingOfMentionsAndTellsAnAbsentOwner() {
        view.show(state(List.of(), List.of("Bea"), "every", false));

        assertThat(text()).contains("* Present: Bea; the owner is away").doesNotContain("@model");
    }

    @Test
    void comingBackPrintsWhatWasMissedOnlyAndEndsTheReplyCutShort() {
        view.show(state(List.of(ASKED, ANSWER), List.of("Ana", "Bea"), "every", true));
        view.show(new SharedMessage("m1", HistoryMessage.byMember("Ana", "and the sun?")));
        view.show(new TokenDelta("m1", 0, "It hel"));
        view.connectionLost();
        view.show(state(List.of(ASKED, ANSWER, HistoryMessage.byMember("Ana", "and the sun?"),
                        new HistoryMessage("assistant", "It helps too.", false), HistoryMessage.byMember("Carl", "hi")),
                List.of("Ana", "Bea", "Carl"), "every", false));

        assertThat(text()).containsSubsequence("> Ana: and the sun?", "It hel\n",
                "* Back in the room; 2 messages since you left:", "It helps too.", "> Carl: hi",
                "* Present: Ana, Bea, Carl", "* The owner left");
        assertThat(count("> Ana: why tides?")).isEqualTo(1);
        assertThat(count("> Ana: and the sun?")).isEqualTo(1);
    }

    @Test
    void aReplyStillBeingWrittenComesAgainWholeAfterComingBack() {
        view.show(state(List.of(ASKED, ANSWER), List.of("Ana", "Bea"), "every", true));
        view.show(new SharedMessage("m1", HistoryMessage.byMember("Ana", "and the sun?")));
        view.show(new TokenDelta("m1", 0, "It "));
        view.connectionLost();
        view.show(state(List.of(ASKED, ANSWER), List.of("Ana", "Bea"), "every", true));
        view.show(new SharedMessage("m1", HistoryMessage.byMember("Ana", "and the sun?")));
        view.show(new TokenDelta("m1", 0, "It "));
        view.show(new TokenDelta("m1", 1, "helps."));
        view.show(new ReplyDone("m1", "llama3:8b", "stop", new ReplyStats(3, 2, null, null, null, null)));

        assertThat(text()).containsSubsequence("It \n", "* Back in the room; 0 messages since you left\n",
                "> Ana: and the sun?", "It helps.").doesNotContain("* Present: Ana, Bea\n");
        assertThat(count("It helps.")).isEqualTo(1);
    }

    @Test
    void aReplyStoppedBySomeoneElseEndsOnItsOwnLineWhenTheTranscriptIsReplaced() {
        view.show(state(List.of(ASKED, ANSWER), List.of("Ana", "Bea"), "every", true));
        view.show(new SharedMessage("m1", HistoryMessage.byMember("Ana", "tell a story")));
        view.show(new TokenDelta("m1", 0, "Once "));
        view.show(state(List.of(ASKED, ANSWER, HistoryMessage.byMember("Ana", "tell a story"),
                new HistoryMessage("assistant", "Once upon", true)), List.of("Ana", "Bea"), "every", true));
        view.show(new SharedMessage("m2", HistoryMessage.byMember("Carl", "next")));

        assertThat(text()).contains("Once upon [stopped]\n").doesNotContain("Back in the room");
        assertThat(count("tell a story")).isEqualTo(1);
        assertThat(text()).endsWith("> Carl: next\n");
    }

    @Test
    void aPlaceInLineToldDuringAReplyWaitsForTheEndOfItsLine() {
        view.show(state(List.of(), List.of("Ana", "Bea"), "every", true));
        view.show(new SharedMessage("m1", HistoryMessage.byMember("Ana", "count")));
        view.show(new TokenDelta("m1", 0, "one "));
        view.show(ReplyPhase.queued("m2", 1, null));
        view.show(new TokenDelta("m1", 1, "two"));
        view.show(new ReplyDone("m1", "llama3:8b", "stop", new ReplyStats(3, 2, null, null, null, null)));

        assertThat(text()).contains("one two\n\n* waiting: 1st in the room's line\n");
    }

    private static RoomState state(List<HistoryMessage> history, List<String> members, String answers,
                                   boolean ownerPresent) {
        return new RoomState("Tides", "Bea", members, history, "key-1", answers, ownerPresent);
    }

    private String text() {
        return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private int count(String part) {
        return text().split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
