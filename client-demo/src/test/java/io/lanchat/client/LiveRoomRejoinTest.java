package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A member whose network drops mid-reply joins again by itself, through a {@link FlakyNetwork} it reaches the real
 * server by: it takes its place back with its key (the server had not noticed the drop), gets the reply whole and
 * once, and what it typed while away is sent then.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class LiveRoomRejoinTest {
    private static final Pattern INVITE = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)(/r/[A-Za-z0-9_-]{43})");
    private static final int WORDS = 40;
    private static final String STORY = String.join("", story());

    private LiveServer live;
    private FlakyNetwork network;
    private final AtomicInteger answers = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        live = LiveServer.start();
        network = new FlakyNetwork(live.port());
        live.ollama.setTokenDelay(Duration.ofMillis(100));
        live.ollama.setReply(call -> call.messages().get(call.messages().size() - 1).content().contains("story")
                ? story() : List.of("Answer ", String.valueOf(answers.incrementAndGet())));
    }

    @AfterEach
    void stop() throws Exception {
        network.close();
        live.close();
    }

    @Test
    void aMemberDroppedMidReplyJoinsAgainGetsTheReplyOnceAndItsKeptLineIsSent() throws Exception {
        try (InteractiveHarness owner = InteractiveHarness.connect(live)) {
            owner.type("What is a tide?");
            owner.awaitOut("Answer 1");
            owner.type("/room");
            String invite = throughTheFlakyNetwork(owner.awaitOut("revokes it"));

            try (JoinedMember ana = JoinedMember.join(invite, "Ana")) {
                ana.await("* Present: Ana");
                ana.type("tell a long story");
                ana.await("w3 ");

                network.refuse(true);
                network.cut();
                ana.awaitErr("* Connection lost");
                ana.type("are you back?");
                ana.awaitErr("your message is kept and sent when you are back (1 waiting)");
                network.refuse(false);

                ana.await("* Back in the room");
                ana.await(STORY);
                ana.await("> Ana: are you back?");
                ana.await("Answer 2");
                ana.type("thanks");
                ana.await("Answer 3");

                String seen = ana.out();
                assertThat(count(seen, STORY)).as("the story whole, once:\n" + seen).isEqualTo(1);
                assertThat(count(seen, "> Ana: are you back?")).isEqualTo(1);
                assertThat(ana.err()).contains("Sent the message you typed while away.");
                assertThat(ana.exit).isNotDone();
                owner.awaitOut("> Ana: thanks");
                assertThat(owner.out()).as("the owner saw Ana's place taken back unseen")
                        .contains("* Ana joined the room").doesNotContain("* Ana left the room");
                assertThat(count(owner.out(), "* Ana joined the room")).isEqualTo(1);
            }
        }
    }

    @Test
    void aRevokedInviteEndsTheMembershipWithoutJoiningAgain() throws Exception {
        try (InteractiveHarness owner = InteractiveHarness.connect(live)) {
            owner.type("What is a tide?");
            owner.awaitOut("Answer 1");
            owner.type("/room");
            String opened = owner.awaitOut("revokes it");
            Matcher id = Pattern.compile("/unshare ([0-9a-f]{16}) revokes it").matcher(opened);
            assertThat(id.find()).isTrue();

            try (JoinedMember ana = JoinedMember.join(throughTheFlakyNetwork(opened), "Ana")) {
                ana.await("* Present: Ana");
                owner.type("/unshare " + id.group(1));

                assertThat(ana.exit.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
                assertThat(ana.err()).contains("This invite does not open a room any more")
                        .doesNotContain("Connection lost");
            }
        }
    }

    @Test
    void aMemberGivesUpAfterItsAttemptsWhenTheServerStaysDownAndSaysWhatWasNotSent() throws Exception {
        try (InteractiveHarness owner = InteractiveHarness.connect(live)) {
            owner.type("What is a tide?");
            owner.awaitOut("Answer 1");
            owner.type("/room");
            String invite = throughTheFlakyNetwork(owner.awaitOut("revokes it"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PipedOutputStream keys = new PipedOutputStream();
            BufferedReader input = new BufferedReader(new InputStreamReader(
                    new PipedInputStream(keys), StandardCharsets.UTF_8));
            RoomMember member = new RoomMember(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    // Pauses long beside typing a line, short for a test.
                    new Backoff(Duration.ofMillis(500), Duration.ofMillis(500), 3));
            CompletableFuture<ExitCode> exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return member.run(URI.create(invite), "Ana", null, input);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            LiveServer.await(() -> out.toString().contains("* Present: Ana"), "Ana in the room");

            network.refuse(true);
            network.cut();
            LiveServer.await(() -> err.toString().contains("* Connection lost"), "the drop told");
            keys.write("anyone?\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            LiveServer.await(() -> err.toString().contains("(1 waiting)"), "the line kept");

            assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCode.SERVER_UNREACHABLE);
            assertThat(err.toString()).contains("(attempt 3 of 3)", "Cannot join the room again",
                    "giving up. 1 message typed meanwhile not sent.");
            keys.close();
        }
    }

    /** The invite, leading through the proxy that the test can cut. */
    private String throughTheFlakyNetwork(String ownerOutput) {
        Matcher m = INVITE.matcher(ownerOutput);
        assertThat(m.find()).as("an invite in " + ownerOutput).isTrue();
        int proxyPort = Integer.parseInt(network.url().replaceAll(".*:(\\d+)/ws", "$1"));
        return "http://127.0.0.1:" + proxyPort + m.group(2);
    }

    private static List<String> story() {
        return new ArrayList<>(IntStream.rangeClosed(1, WORDS).mapToObj(i -> "w" + i + " ").toList());
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
