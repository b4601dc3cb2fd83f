package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** /room in the owner's interactive chat, and --join as a member, against the real server. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class LiveRoomInteractiveTest {
    private static final Pattern INVITE = Pattern.compile("(http://\\S+/r/[A-Za-z0-9_-]{43})");
    private LiveServer live;
    private final AtomicInteger replies = new AtomicInteger();

    @BeforeEach
    void start() throws InterruptedException {
        live = LiveServer.start();
        live.ollama.setReply(call -> List.of("Reply ", String.valueOf(replies.incrementAndGet())));
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void aMemberJoinsByTheInviteChatsAndTheOwnerSeesItWhileATakenNameIsRefusedClearly() throws Exception {
        try (InteractiveHarness owner = InteractiveHarness.connect(live)) {
            owner.type("What is a tide?");
            owner.awaitOut("Reply 1");
            owner.type("/room 60");
            String invite = find(owner.awaitOut("revokes it"));

            try (JoinedMember bea = JoinedMember.join(invite, "Bea")) {
                bea.await("* Present: Bea");
                bea.type("Why is the sea salty?");
                owner.awaitOut("> Bea: Why is the sea salty?");
                owner.awaitOut("Reply 2");
                bea.await("Reply 2");

                JoinedMember taken = JoinedMember.join(invite, "Bea");
                assertThat(taken.exit.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCode.USAGE);
                assertThat(taken.err()).contains("That name is taken in this room; pick another with --name.");

                bea.type("/quit");
                assertThat(bea.exit.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
                assertThat(bea.out()).contains("(room; you are Bea)", "> What is a tide?", "Reply 1",
                        "> Bea: Why is the sea salty?");
            }
        }
    }

    @Test
    void onlyTheMemberWhoAskedStopsTheReply() throws Exception {
        try (InteractiveHarness owner = InteractiveHarness.connect(live)) {
            owner.type("What is a tide?");
            owner.awaitOut("Reply 1");
            owner.type("/room");
            String invite = find(owner.awaitOut("revokes it"));
            live.ollama.setTokenDelay(java.time.Duration.ofMillis(200));
            live.ollama.setReply(call -> List.of("a ", "b ", "c ", "d ", "e ", "f ", "g ", "h ", "i ", "j"));

            try (JoinedMember ana = JoinedMember.join(invite, "Ana")) {
                ana.await("* Present: Ana");
                try (JoinedMember bea = JoinedMember.join(invite, "Bea")) {
                    ana.await("* Bea joined");
                    ana.type("tell a long story");
                    bea.await("> Ana: tell a long story");
                    bea.await("a ");
                    bea.type("/stop");
                    LiveServer.await(() -> bea.err().contains("You can stop only the reply to your own message"),
                            "Bea told she cannot stop Ana's reply");
                    ana.type("/stop");
                    ana.await("[stopped]");
                    owner.awaitOut("[stopped]");
                    assertThat(ana.out()).as("the reply stopped before its end").doesNotContain("h i j");
                }
                ana.await("* Bea left");
            }
        }
    }

    @Test
    void aRoomOpenedWithMentionedAnswersOnlyAtModelAndMembersSeeTheOwnerLeave() throws Exception {
        try (InteractiveHarness owner = InteractiveHarness.connect(live)) {
            owner.type("What is a tide?");
            owner.awaitOut("Reply 1");
            owner.type("/room 30 --mentioned");
            String opened = owner.awaitOut("revokes it");
            assertThat(opened).contains("The model answers only messages that mention @model");
            owner.type("/shares");
            owner.awaitOut("room invite (@model only)");

            try (JoinedMember ana = JoinedMember.join(find(opened), "Ana")) {
                ana.await("* The model answers only messages that mention @model");
                assertThat(ana.out()).contains("* Present: Ana; the owner is here");
                owner.awaitOut("* Ana joined the room");
                ana.type("hello all");
                owner.awaitOut("> Ana: hello all");
                ana.type("@model why is the sea salty?");
                ana.await("Reply 2");
                owner.type("/new");
                ana.await("* The owner left");

                assertThat(ana.out()).containsSubsequence("> Ana: hello all", "> Ana: @model why is the sea salty?",
                        "Reply 2");
                assertThat(live.ollama.chatCalls()).as("the model answered the mention only").hasSize(2);
            }
        }
    }

    @Test
    void anUnknownInviteSaysItOpensNoRoom() throws Exception {
        try (JoinedMember nobody = JoinedMember.join(live.url().replace("ws://", "http://").replaceAll("/ws$", "")
                + "/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Ana")) {
            assertThat(nobody.exit.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCode.CONVERSATION_NOT_FOUND);
            assertThat(nobody.err()).contains("This invite does not open a room");
        }
    }

    private static String find(String text) {
        Matcher m = INVITE.matcher(text);
        assertThat(m.find()).as("an invite in " + text).isTrue();
        return m.group(1);
    }
}
