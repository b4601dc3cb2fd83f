package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive conversation commands against the real server (memory-only store) and the stand-in Ollama:
 * what an earlier client process made with the same owner key file is listed, opened, continued, renamed,
 * exported and deleted; a client with another owner key sees none of it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class LiveConversationsInteractiveTest {
    private static final Pattern OPENED_ID = Pattern.compile("; id (\\S+)\\)\\.");

    @TempDir
    Path dir;
    private LiveServer live;
    private Path myKey;

    @BeforeEach
    void start() throws InterruptedException {
        live = LiveServer.start("--database", "none");
        myKey = dir.resolve("mine").resolve("owner-key");
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void listsOpensRenamesExportsAndDeletesWhatAnEarlierClientMade() throws Exception {
        ClientRun earlier = ClientRun.of("Tell me about owls\n", Map.of(ClientOptions.OWNER_KEY_FILE_ENV,
                myKey.toString()), "--url", live.url());
        assertThat(earlier.exit()).as(earlier.err()).isZero();

        try (InteractiveHarness chat = connect(myKey)) {
            chat.type("/chats");
            assertThat(chat.awaitOut("/new starts a new conversation."))
                    .containsPattern("  1\\. Tell me about owls +\\S+ +just now +2 msgs")
                    .as("the connection's own empty conversation is not listed yet").doesNotContain("  2. ");

            chat.type("/open 1");
            String opened = chat.awaitOut("You said: Tell me about owls (turn 1)");
            assertThat(opened).contains("* Opened \"Tell me about owls\" (2 messages, llama3:8b, updated just now; id ")
                    .contains(ConsoleRenderer.PROMPT + "Tell me about owls");
            String owls = idIn(opened);
            chat.type("and their eyes?");
            chat.awaitOut("You said: and their eyes? (turn 2)");
            chat.awaitOut(" s]");

            chat.type("/new");
            chat.awaitOut("* New conversation (the one you left is kept: /chats lists it).");
            chat.type("Plan a picnic");
            chat.awaitOut("You said: Plan a picnic (turn 1)");
            chat.awaitOut(" s]");
            chat.type("/chats");
            assertThat(chat.awaitOut("/new starts a new conversation."))
                    .containsPattern("\\*  1\\. Plan a picnic +\\S+ +just now +2 msgs")
                    .containsPattern("   2\\. Tell me about owls +\\S+ +just now +4 msgs")
                    .doesNotContain("  3. ");

            chat.type("/rename Saturday picnic");
            chat.awaitOut("* Renamed to \"Saturday picnic\".");
            Path markdown = dir.resolve("picnic.md");
            Path json = dir.resolve("picnic.json");
            chat.type("/export " + markdown);
            chat.awaitOut("* Exported to " + markdown + " (markdown).");
            chat.type("/export " + json);
            chat.awaitOut("* Exported to " + json + " (json).");
            assertThat(Files.readString(markdown, StandardCharsets.UTF_8)).contains("Saturday picnic")
                    .contains("Plan a picnic").contains("You said: Plan a picnic (turn 1)");
            assertThat(Files.readString(json, StandardCharsets.UTF_8)).contains("\"Saturday picnic\"")
                    .contains("\"Plan a picnic\"").contains("\"You said: Plan a picnic (turn 1)\"");

            chat.type("/chats");
            chat.awaitOut("/new starts a new conversation.");
            chat.type("/delete 1 yes");
            // Either order: the server answers the delete and moves the connection on from different threads.
            chat.awaitOutAll("* Deleted \"Saturday picnic\" (this conversation).",
                    "* You are in a new, empty conversation now.");
            chat.type("/chats");
            assertThat(chat.awaitOut("/new starts a new conversation."))
                    .containsPattern("  1\\. Tell me about owls").doesNotContain("picnic").doesNotContain("  2. ");

            try (InteractiveHarness stranger = connect(dir.resolve("theirs").resolve("owner-key"))) {
                stranger.type("/chats");
                stranger.awaitOut("No conversations yet: type a message to start one.");
                stranger.type("/open " + owls);
                stranger.awaitOut("No such conversation: it was deleted, or it is not yours");
                stranger.type("/search owls");
                stranger.awaitOut("No conversations contain \"owls\".");
            }
            chat.type("/open " + owls);
            assertThat(chat.awaitOut("You said: and their eyes? (turn 2)")).as("the stranger changed nothing")
                    .contains("(4 messages");
        }
    }

    @Test
    void theListingNamesTheModelOfTheLastReply() throws Exception {
        ClientRun earlier = ClientRun.of("", Map.of(ClientOptions.OWNER_KEY_FILE_ENV, myKey.toString()), "--url",
                live.url(), "--prompt", "Tell me about owls");
        assertThat(earlier.exit()).as(earlier.err()).isZero();

        try (InteractiveHarness chat = connect(myKey)) {
            chat.type("/chats");

            assertThat(chat.awaitOut("/new starts a new conversation."))
                    .containsPattern("  1\\. Tell me about owls +llama3:8b +just now +2 msgs");
        }
    }

    private InteractiveHarness connect(Path keyFile) throws InterruptedException {
        InteractiveHarness harness = new InteractiveHarness(new ClientOptions(URI.create(live.url()), null, null, 1,
                false, false, keyFile, null, null, null));
        harness.awaitOut("/help lists the commands.");
        return harness;
    }

    private static String idIn(String opened) {
        Matcher m = OPENED_ID.matcher(opened);
        assertThat(m.find()).as("the id in: %s", opened).isTrue();
        return m.group(1);
    }
}
