package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.RoomPresence;
import io.lanchat.protocol.RoomState;
import io.lanchat.protocol.SharedMessage;
import io.lanchat.protocol.TokenDelta;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The member's side without a server: the invite's address, the --join command line, and what is shown. */
final class RoomMemberViewTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final RoomView view = new RoomView(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void anInviteLeadsToTheRoomsSocketWithTheNameEncoded() {
        assertThat(RoomLink.socketFor(URI.create("https://chat.lan:8443/r/abc_DEF-1"), "Ana María & co"))
                .isEqualTo(URI.create("wss://chat.lan:8443/ws?room=abc_DEF-1&name=Ana%20Mar%C3%ADa%20%26%20co"));
        assertThat(RoomLink.pageUrl(URI.create("ws://chat.lan:8080/ws"), "tok"))
                .isEqualTo("http://chat.lan:8080/r/tok");
        assertThatThrownBy(() -> RoomLink.socketFor(URI.create("http://chat.lan:8080/s/abc"), "Ana"))
                .hasMessageContaining("not a room invite");
    }

    @Test
    void joiningAgainCarriesTheMemberKeyAndOnlyDropsAreWorthIt() {
        assertThat(RoomLink.socketFor(URI.create("http://chat.lan:8080/r/tok"), "Bea", "k+y/1"))
                .isEqualTo(URI.create("ws://chat.lan:8080/ws?room=tok&name=Bea&member=k%2By%2F1"));
        assertThat(RoomCloses.finalExit(4409, true)).isEqualTo(ExitCode.USAGE);
        assertThat(RoomCloses.finalExit(4404, false)).isEqualTo(ExitCode.CONVERSATION_NOT_FOUND);
        assertThat(RoomCloses.finalExit(4404, true)).isEqualTo(ExitCode.OK);
        assertThat(RoomCloses.finalExit(4408, true)).isEqualTo(ExitCode.OK);
        assertThat(RoomCloses.finalExit(1001, true)).as("a server going away: join again").isNull();
        assertThat(RoomCloses.finalExit(RoomConnection.Ending.FAILED, true)).isNull();
    }

    @Test
    void joinNeedsANameAndAnInvite() throws Exception {
        assertThatThrownBy(() -> JoinOptions.parse(new String[] {"--join", "http://h:1/r/t"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--name");
        assertThatThrownBy(() -> JoinOptions.parse(new String[] {"--join", "http://h:1/x", "--name", "A"}, Map.of()))
                .hasMessageContaining("not a room invite");
        assertThat(JoinOptions.parse(new String[] {"--join", "http://h:1/r/t", "--name", " Bea "}, Map.of()))
                .isEqualTo(new JoinOptions(URI.create("http://h:1/r/t"), "Bea", null));
    }

    @Test
    void showsHistoryPresenceAuthorsTheStreamAndThePlaceInLine() {
        view.show(new RoomState("Tides", "Bea", List.of("Ana", "Bea"),
                List.of(HistoryMessage.byMember("Ana", "why tides?"),
                        new HistoryMessage("assistant", "The moon.", false))));
        view.show(RoomPresence.change("Carl", true, 3));
        view.show(ReplyPhase.queued("m1", 2, null));
        view.show(new SharedMessage("m1", new HistoryMessage("user", "Carl: and the sun?", false)));
        view.show(new TokenDelta("m1", 0, "It "));
        view.show(new TokenDelta("m1", 1, "helps."));
        view.show(new ReplyCancelled("m1", "It helps."));
        view.show(RoomPresence.change("Carl", false, 2));
        view.show(new ErrorMessage("m2", ErrorCode.FORBIDDEN, "not your reply", false));

        assertThat(out.toString(StandardCharsets.UTF_8)).containsSubsequence("== Tides (room; you are Bea) ==",
                "> Ana: why tides?", "The moon.", "* Present: Ana, Bea", "* Carl joined",
                "* waiting: 2nd in the room's line", "> Carl: and the sun?", "It helps. [stopped]", "* Carl left");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("You can stop only the reply to your own message");
        assertThat(RoomView.ordinal(1)).isEqualTo("1st");
        assertThat(RoomView.ordinal(12)).isEqualTo("12th");
        assertThat(RoomView.ordinal(23)).isEqualTo("23rd");
    }
}
