package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

            try (Member bea = Member.join(invite, "Bea")) {
                bea.await("* Present: Bea");
                bea.type("Why is the sea salty?");
                owner.awaitOut("> Bea: Why is the sea salty?");
                owner.awaitOut("Reply 2");
                bea.await("Reply 2");

                Member taken = Member.join(invite, "Bea");
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

            try (Member ana = Member.join(invite, "Ana")) {
                ana.await("* Present: Ana");
                try (Member bea = Member.join(invite, "Bea")) {
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
    void anUnknownInviteSaysItOpensNoRoom() throws Exception {
        try (Member nobody = Member.join(live.url().replace("ws://", "http://").replaceAll("/ws$", "")
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

    /** A member's client, run as {@code --join LINK --name NAME} with its input typed through a pipe. */
    private static final class Member implements AutoCloseable {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final PipedOutputStream keys = new PipedOutputStream();
        private final CompletableFuture<ExitCode> exit;

        private Member(String invite, String name) throws IOException {
            PipedInputStream in = new PipedInputStream(keys);
            exit = CompletableFuture.supplyAsync(() -> ClientMain.run(
                    new String[] {"--join", invite, "--name", name}, in,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false));
        }

        static Member join(String invite, String name) throws IOException {
            return new Member(invite, name);
        }

        void type(String line) throws IOException {
            keys.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        void await(String text) throws InterruptedException {
            LiveServer.await(() -> out().contains(text), "'" + text + "' in the member's output:\n" + out());
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            keys.close();
        }
    }
}
