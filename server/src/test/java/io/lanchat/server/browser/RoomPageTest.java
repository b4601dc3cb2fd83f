package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A room in three browsers (issue 16): the owner opens it from the page (Share…), two guests, each in a browser
 * profile of its own, join by the /r/ link under their names, see who is present, each other's messages with the
 * author's name and the model's reply streaming; a message sent while a reply streams shows as waiting in the
 * room's queue; the owner revokes the invite and both guests are told the link no longer works and cannot send.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class RoomPageTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private LiveServer server;
    private ChatPage owner;

    @BeforeEach
    void openPage(Chromium chromium) throws Exception {
        server = LiveServer.start();
        owner = new ChatPage(chromium.driver).open(server.url());
    }

    @AfterEach
    void stopServer() {
        owner.forgetEverything();
        server.close();
    }

    private static final String WHOLE_REPLY = "Try the coast in June, when the sea is warm and the roads are quiet;"
            + " book the train early now.";

    @Test
    void twoGuestsJoinByLinkTalkWaitTheirTurnAndAreLockedOutWhenTheInviteIsRevoked() {
        server.ollama.setReply(call -> List.of("Let ", "us ", "plan."));
        owner.send("Plan a trip");
        owner.awaitReplyEnded();
        String invite = openRoom();
        assertThat(invite).startsWith(server.url() + "r/");
        owner.await(d -> roomBadgeShown(d), "the chat marked as a room in the sidebar");

        try (Chromium anaBrowser = Chromium.start(); Chromium beaBrowser = Chromium.start()) {
            WebDriver ana = join(anaBrowser.driver, invite, "Ana");
            WebDriver bea = join(beaBrowser.driver, invite, "Bea");
            awaitIn(ana, d -> text(d, "room-members").contains("Bea"), "Bea in Ana's list of members");
            assertThat(text(ana, "room-members")).as("the owner has the room open").isEqualTo(
                    "In this room: Owner, Ana (you), Bea");
            assertThat(text(bea, "room-members")).isEqualTo("In this room: Owner, Ana, Bea (you)");
            owner.await(d -> text(d, "room-presence").equals("In this room: Ana, Bea"),
                    "who is in the room, on the owner's page");
            owner.driver.navigate().refresh();
            owner.await(d -> text(d, "room-presence").equals("In this room: Ana, Bea"),
                    "who is in the room, on the owner's page after a reload");
            assertThat(text(bea, "chat-title")).isEqualTo("Plan a trip");
            assertThat(texts(bea, "#transcript .msg.assistant .body")).containsExactly("Let us plan.");

            server.ollama.setTokenDelay(Duration.ofMillis(100));
            // Twenty tokens, two seconds: long enough to be seen part-way on a busy machine.
            server.ollama.setReply(call -> List.of("Try ", "the ", "coast ", "in ", "June, ", "when ", "the ", "sea ",
                    "is ", "warm ", "and ", "the ", "roads ", "are ", "quiet; ", "book ", "the ", "train ", "early ",
                    "now."));
            send(ana, "Where shall we go?");
            // read in one step: a reply seen streaming may have ended by a second look
            String partial = awaitIn(bea, d -> (String) ((org.openqa.selenium.JavascriptExecutor) d).executeScript("""
                    const body = document.querySelector('#transcript .msg.assistant.streaming .body');
                    return body && body.textContent.trim() ? body.textContent : null;"""),
                    "Ana's reply streaming in Bea's browser");
            for (WebDriver guest : List.of(ana, bea)) {
                awaitIn(guest, d -> texts(d, "#transcript .msg.assistant .body").contains(WHOLE_REPLY)
                        && d.findElements(By.cssSelector("#transcript .msg.assistant.streaming")).isEmpty(),
                        "the whole reply");
                assertThat(lastText(guest, "#transcript .msg.user")).as("the asker's name and question")
                        .contains("Ana").contains("Where shall we go?");
            }
            assertThat(partial).as("seen part-way").startsWith("Try").isNotEqualTo(WHOLE_REPLY + "\n")
                    .doesNotContain("now.");
            owner.await(d -> owner.texts("#transcript .msg.assistant .body").contains(WHOLE_REPLY),
                    "the member's exchange in the owner's transcript");
            assertThat(owner.texts("#transcript .msg.user .body")).last().asString().contains("Where shall we go?");

            server.ollama.setTokenDelay(Duration.ofMillis(200));
            server.ollama.setReply(call -> call.lastUserContent().contains("Me next")
                    ? List.of("Next ", "answer.")
                    : List.of("A ", "long ", "reply ", "that ", "takes ", "a ", "few ", "seconds ", "to ", "write ",
                    "out ", "in ", "full."));
            send(bea, "Tell me everything");
            awaitIn(ana, d -> d.findElements(By.cssSelector("#transcript .msg.assistant.streaming")).stream()
                    .anyMatch(m -> !m.getText().isBlank()), "Bea's reply streaming in Ana's browser");
            assertThat(bea.findElement(By.id("stop")).isDisplayed()).as("Bea may stop her own reply").isTrue();
            assertThat(ana.findElement(By.id("stop")).isDisplayed()).as("but Ana may not").isFalse();
            send(ana, "Me next");
            awaitIn(ana, d -> text(d, "room-queue").equals("Your message “Me next” waits, 1st in line"),
                    "Ana's message waiting in her browser");
            awaitIn(bea, d -> text(d, "room-queue").equals("A message waits, 1st in line"),
                    "Ana's message waiting in Bea's browser");
            for (WebDriver guest : List.of(ana, bea)) {
                awaitIn(guest, d -> texts(d, "#transcript .msg.assistant .body").contains("Next answer.")
                        && text(d, "room-queue").isEmpty(), "Ana's turn, after Bea's reply");
                assertThat(texts(guest, "#transcript .msg.user .body")).anyMatch(t -> t.contains("Tell me everything"))
                        .last().asString().contains("Me next");
            }

            revokeInvite();
            owner.await(d -> !roomBadgeShown(d), "the chat no longer marked as a room");
            for (WebDriver guest : List.of(ana, bea)) {
                awaitIn(guest, d -> text(d, "settings-summary").contains("This room link no longer works"),
                        "the guest told the link no longer works");
                assertThat(guest.findElement(By.id("input")).isEnabled()).as("nothing can be typed").isFalse();
                assertThat(guest.findElement(By.id("send")).isEnabled()).as("nothing can be sent").isFalse();
            }
        }
    }

    @Test
    void aNameTakenInTheRoomIsAskedForAgainAndTheNextOneIsRemembered() {
        owner.send("Names");
        owner.awaitReplyEnded();
        String invite = openRoom();

        try (Chromium anaBrowser = Chromium.start(); Chromium otherBrowser = Chromium.start()) {
            WebDriver ana = join(anaBrowser.driver, invite, "Ana");
            WebDriver other = otherBrowser.driver;
            other.get(invite);
            awaitIn(other, d -> d.findElement(By.id("room-name")).isDisplayed(), "the name asked for");
            other.findElement(By.id("room-name")).sendKeys("Ana");
            other.findElement(By.id("room-join")).click();
            awaitIn(other, d -> d.findElement(By.id("room-name")).isDisplayed()
                    && text(d, "room-name-problem").equals("“Ana” is taken in this room: choose another name."),
                    "the name asked for again, with the reason");
            assertThat(other.findElement(By.id("composer")).isDisplayed()).as("no writing before joining").isFalse();
            other.findElement(By.id("room-name")).sendKeys("Carl");
            other.findElement(By.id("room-join")).click();
            awaitIn(other, d -> text(d, "room-members").equals("In this room: Owner, Ana, Carl (you)"), "Carl in the room");
            awaitIn(ana, d -> text(d, "room-members").equals("In this room: Owner, Ana (you), Carl"), "Carl in Ana's list");

            other.navigate().refresh();
            awaitIn(other, d -> text(d, "room-members").equals("In this room: Owner, Ana, Carl (you)"),
                    "Carl back in the room after a reload, without being asked his name");
            assertThat(other.findElement(By.id("room-name")).isDisplayed()).isFalse();
        }
    }

    @Test
    void aGuestWhoseConnectionDropsRejoinsUnderTheSameNameAndSeesWhatWasSaidMeanwhile() throws Exception {
        owner.send("Before the drop");
        owner.awaitReplyEnded();
        String invite = openRoom();

        try (CuttableNetwork network = CuttableNetwork.to(server.port()); Chromium anaBrowser = Chromium.start()) {
            WebDriver ana = join(anaBrowser.driver, invite.replace(server.url(), network.url()), "Ana");
            int connections = network.connectionsMade();
            server.ollama.setReply(call -> List.of("Said ", "while ", "away."));
            network.cut();
            owner.send("While Ana was away");

            awaitIn(ana, d -> texts(d, "#transcript .msg.assistant .body").contains("Said while away.")
                    && text(d, "room-members").equals("In this room: Owner, Ana (you)")
                    && d.findElement(By.id("input")).isEnabled(), "Ana back in the room with what was said");
            assertThat(network.connectionsMade()).as("the page connected again by itself").isGreaterThan(connections);
            assertThat(texts(ana, "#transcript .msg.user .body")).containsExactly("Before the drop",
                    "While Ana was away");
            send(ana, "I am back");
            awaitIn(ana, d -> texts(d, "#transcript .msg.user .body").stream().anyMatch(t -> t.contains("I am back")),
                    "Ana's message after the reconnect");
        }
    }

    /**
     * The page's side of what the server adds to rooms (authors, the member key, "answers only when mentioned",
     * typing): the test hands the page those frames on its own connection, as the server will send them, and
     * checks what the page makes of them; and typing reaches a server that does not know it yet without a word.
     */
    @Test
    void authorsTypingTheMemberKeyAndMentionsAreShownAsTheServerSendsThem() throws Exception {
        owner.send("Frames");
        owner.awaitReplyEnded();
        String invite = openRoom();

        try (Chromium anaBrowser = Chromium.start()) {
            anaBrowser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", """
                    window.__sockets = [];
                    window.__frames = [];
                    window.__sent = [];
                    window.WebSocket = class extends window.WebSocket {
                      constructor(...args) {
                        super(...args);
                        window.__sockets.push(this);
                        this.addEventListener('message', (e) => window.__frames.push(JSON.parse(e.data)));
                      }
                      send(data) {
                        window.__sent.push(JSON.parse(data));
                        super.send(data);
                      }
                    };"""));
            WebDriver ana = join(anaBrowser.driver, invite, "Ana");
            ChatPage page = new ChatPage(ana);
            receive(page, """
                    {"type":"room_state","title":"Trip","you":"Ana","members":["Ana","Bea"],"memberKey":"k-123",
                     "answers":"mentioned","history":[
                      {"role":"user","content":"Hello all","cancelled":false,"interrupted":false,"seq":0},
                      {"role":"user","content":"Where to?","author":"Bea","cancelled":false,"interrupted":false,
                       "seq":1},
                      {"role":"assistant","content":"**Lisbon**","model":"llama3:8b","cancelled":false,
                       "interrupted":false,"seq":2}]}""");

            awaitIn(ana, d -> text(d, "chat-title").equals("Trip"), "the new room_state drawn");
            assertThat(texts(ana, "#transcript .msg.user .who")).containsExactly("Owner", "Bea");
            assertThat(texts(ana, "#transcript .msg.user .body")).containsExactly("Hello all", "Where to?");
            assertThat(texts(ana, "#transcript .msg.assistant .body strong")).containsExactly("Lisbon");
            assertThat(page.composerStatus()).isEqualTo("Mention @model to get an answer");
            assertThat(page.script("return sessionStorage.getItem('lanchat.roomMember');"))
                    .asString().contains("\"key\":\"k-123\"");
            String colourOfBea = "return getComputedStyle([...document.querySelectorAll(arguments[0])]"
                    + ".find((n) => n.textContent === 'Bea')).color;";
            assertThat(page.script(colourOfBea, "#transcript .who.author"))
                    .as("Bea's colour is the same in the transcript and in the list of members")
                    .isEqualTo(page.script(colourOfBea, "#room-members .author"))
                    .isNotEqualTo(page.script(colourOfBea.replace("'Bea'", "'Ana'"), "#room-members .author"));

            receive(page, "{\"type\":\"room_typing\",\"name\":\"Bea\"}");
            awaitIn(ana, d -> text(d, "room-typing").equals("Bea is typing…"), "Bea typing");

            receive(page, "{\"type\":\"room_typing\",\"owner\":true}");
            awaitIn(ana, d -> text(d, "room-typing").equals("Bea and Owner are typing…"), "the owner typing too");
            receive(page, "{\"type\":\"room_owner\",\"present\":true}");
            awaitIn(ana, d -> text(d, "room-members").equals("In this room: Owner, Ana (you), Bea"), "the owner came");
            receive(page, "{\"type\":\"room_owner\",\"present\":false}");
            awaitIn(ana, d -> text(d, "room-members").equals("In this room: Ana (you), Bea"), "the owner left");

            ana.findElement(By.id("input")).sendKeys("Hm");
            awaitIn(ana, d -> page.script("return window.__sent.some((f) => f.type === 'typing');")
                    .equals(Boolean.TRUE), "typing sent to the server");
            page.script("window.__sockets.at(-1).send(JSON.stringify({type: 'ping', id: 'after-typing'}));");
            awaitIn(ana, d -> page.script("return window.__frames.some((f) => f.type === 'pong');")
                    .equals(Boolean.TRUE), "the pong after typing");
            assertThat(page.script("return window.__frames.filter((f) => f.type === 'error').length;"))
                    .as("the server answers typing with nothing").isEqualTo(0L);
            assertThat(ana.findElements(By.cssSelector("#transcript .error-box"))).as("no error shown for typing")
                    .isEmpty();

            page.script("window.__sockets.at(-1).close();");
            awaitIn(ana, d -> ((Number) page.script("return window.__sockets.length;")).intValue() >= 2
                    && text(d, "room-members").contains("Ana (you)"), "the page connected again");
            assertThat(page.script("return window.__sockets.at(-1).url;")).asString()
                    .contains("name=Ana").contains("member=k-123");
        }
    }

    @Test
    void inARoomThatAnswersWhenMentionedTalkStaysUnansweredAndTheOwnerAndAMemberSeeEachOtherType() {
        server.ollama.setReply(call -> List.of("Noted."));
        owner.send("Team notes");
        owner.awaitReplyEnded();
        String invite = openRoom(true);

        try (Chromium anaBrowser = Chromium.start()) {
            WebDriver ana = join(anaBrowser.driver, invite, "Ana");
            ChatPage page = new ChatPage(ana);
            awaitIn(ana, d -> page.composerStatus().equals("Mention @model to get an answer"), "the room's rule");
            int calls = server.ollama.chatCalls().size();
            awaitIn(ana, d -> d.findElement(By.id("input")).isEnabled(), "the message box");
            ana.findElement(By.id("input")).sendKeys("Shall we meet at ten?");
            owner.await(d -> d.findElement(By.cssSelector(".owner-typing")).getText().equals("Ana is typing…"),
                    "Ana typing, on the owner's page");
            ana.findElement(By.id("input")).sendKeys(Keys.ENTER);
            owner.await(d -> owner.texts("#transcript .msg.user .body").contains("Shall we meet at ten?"),
                    "Ana's talk in the owner's transcript");
            owner.driver.findElement(By.id("input")).sendKeys("Yes");
            awaitIn(ana, d -> text(d, "room-typing").equals("Owner is typing…"), "the owner typing, on Ana's page");
            send(ana, "@model, which room is free?");
            awaitIn(ana, d -> texts(d, "#transcript .msg.assistant .body").contains("Noted."), "the model's answer");
            owner.await(d -> owner.texts("#transcript .msg.assistant .body").size() == 2, "the answer at the owner's");

            assertThat(texts(ana, "#transcript .msg.user .body")).containsExactly("Team notes", "Shall we meet at ten?",
                    "@model, which room is free?");
            assertThat(texts(ana, "#transcript .msg.assistant .body")).as("talk among people gets no reply")
                    .containsExactly("Noted.", "Noted.");
            assertThat(owner.texts("#transcript .msg.assistant .body")).containsExactly("Noted.", "Noted.");
            assertThat(server.ollama.chatCalls()).as("one model call, for the mention").hasSize(calls + 1);
        }
    }

    @Test
    void everyHueOfANameIsReadableInLightAndDark() throws Exception {
        owner.send("Colours");
        owner.awaitReplyEnded();
        String invite = openRoom();
        try (Chromium anaBrowser = Chromium.start()) {
            ChatPage page = new ChatPage(join(anaBrowser.driver, invite, "Ana"));
            for (String scheme : List.of("light", "dark")) {
                page.emulateColorScheme(scheme);
                double worst = ((Number) page.script("""
                        const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
                        const lum = ([r, g, b]) => [r, g, b].map((v) => v / 255)
                          .map((v) => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
                          .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
                        // names show on the transcript's background and on the header's
                        const backs = [document.body, document.querySelector('.chat-head')]
                          .map((n) => lum(rgb(getComputedStyle(n).backgroundColor)));
                        const probe = document.createElement('span');
                        probe.className = 'author';
                        document.getElementById('room-members').append(probe);
                        let worst = Infinity;
                        for (let hue = 0; hue < 360; hue += 1) {
                          probe.style.setProperty('--hue', hue);
                          const text = lum(rgb(getComputedStyle(probe).color));
                          for (const back of backs) {
                            worst = Math.min(worst, (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05));
                          }
                        }
                        probe.remove();
                        return worst;""")).doubleValue();
                assertThat(worst).as("the least contrast of a name's colour on the %s page", scheme)
                        .isGreaterThanOrEqualTo(4.5);
            }
            page.stopEmulating();
        }
    }

    /** Hands the page's room connection a frame, as if the server had sent it. */
    /** Whether the sidebar's item of the chat shown has its "Room" badge showing. */
    private static boolean roomBadgeShown(WebDriver d) {
        return d.findElements(By.cssSelector(".conv.current .conv-room")).stream().anyMatch(WebElement::isDisplayed);
    }

    private static void receive(ChatPage page, String frame) {
        page.script("window.__sockets.at(-1).dispatchEvent(new MessageEvent('message', { data: arguments[0] }));",
                frame.replace("\n", ""));
    }

    /** Share… → Open as a room: the invite's address, shown once. */
    private String openRoom() {
        return openRoom(false);
    }

    /** As above; {@code mentioned}: the model answers only messages that mention @model. */
    private String openRoom(boolean mentioned) {
        owner.driver.findElement(By.id("share-chat")).click();
        owner.await(d -> d.findElement(By.id("open-room")).isDisplayed(), "the share panel");
        if (mentioned) {
            owner.driver.findElement(By.id("room-mentioned")).click();
        }
        owner.driver.findElement(By.id("open-room")).click();
        String invite = owner.await(d -> {
            String value = d.findElement(By.id("share-link")).getDomProperty("value");
            return value.isEmpty() ? null : value;
        }, "the invite");
        owner.await(d -> texts(d, "#share-dialog .share-item").stream().anyMatch(t -> t.startsWith("Room invite")),
                "the invite in the list of links");
        owner.driver.findElement(By.cssSelector("#share-dialog .share-close")).click();
        return invite;
    }

    private void revokeInvite() {
        owner.driver.findElement(By.id("share-chat")).click();
        owner.await(d -> !d.findElements(By.cssSelector("#share-dialog .room-item .link-button")).isEmpty(),
                "the invite listed");
        owner.driver.findElement(By.cssSelector("#share-dialog .room-item .link-button")).click();
        owner.await(d -> d.findElements(By.cssSelector("#share-dialog .room-item")).isEmpty(),
                "the owner's list without the invite");
    }

    /** Opens the invite in a browser that never joined: it asks for a name, then shows the room. */
    private static WebDriver join(WebDriver guest, String invite, String name) {
        guest.get(invite);
        awaitIn(guest, d -> d.findElement(By.id("room-name")).isDisplayed(), "the name asked for");
        guest.findElement(By.id("room-name")).sendKeys(name);
        guest.findElement(By.id("room-join")).click();
        awaitIn(guest, d -> text(d, "room-members").contains(name + " (you)"), name + " in the room");
        return guest;
    }

    private static void send(WebDriver guest, String message) {
        awaitIn(guest, d -> d.findElement(By.id("input")).isEnabled(), "the message box");
        guest.findElement(By.id("input")).sendKeys(message, Keys.ENTER);
    }

    private static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static String lastText(WebDriver driver, String css) {
        List<String> all = texts(driver, css);
        return all.isEmpty() ? "" : all.get(all.size() - 1);
    }

    private static List<String> texts(WebDriver driver, String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private static <T> T awaitIn(WebDriver driver, Function<WebDriver, T> condition, String what) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(20))
                .withMessage(() -> "waiting for " + what + "; the page says: "
                        + driver.findElement(By.id("settings-summary")).getDomProperty("textContent")
                        + " | transcript: " + driver.findElement(By.id("transcript")).getDomProperty("textContent"))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }
}
