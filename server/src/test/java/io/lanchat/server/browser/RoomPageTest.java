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

    @Test
    void twoGuestsJoinByLinkTalkWaitTheirTurnAndAreLockedOutWhenTheInviteIsRevoked() {
        server.ollama.setReply(call -> List.of("Let ", "us ", "plan."));
        owner.send("Plan a trip");
        owner.awaitReplyEnded();
        String invite = openRoom();
        assertThat(invite).startsWith(server.url() + "r/");

        try (Chromium anaBrowser = Chromium.start(); Chromium beaBrowser = Chromium.start()) {
            WebDriver ana = join(anaBrowser.driver, invite, "Ana");
            WebDriver bea = join(beaBrowser.driver, invite, "Bea");
            awaitIn(ana, d -> text(d, "room-members").contains("Bea"), "Bea in Ana's list of members");
            assertThat(text(ana, "room-members")).isEqualTo("In this room: Ana (you), Bea");
            assertThat(text(bea, "room-members")).isEqualTo("In this room: Ana, Bea (you)");
            assertThat(text(bea, "chat-title")).isEqualTo("Plan a trip");
            assertThat(texts(bea, "#transcript .msg.assistant .body")).containsExactly("Let us plan.");

            server.ollama.setTokenDelay(Duration.ofMillis(100));
            server.ollama.setReply(call -> List.of("Try ", "the ", "coast ", "in ", "June."));
            send(ana, "Where shall we go?");
            // read in one step: a reply seen streaming may have ended by a second look
            String partial = awaitIn(bea, d -> (String) ((org.openqa.selenium.JavascriptExecutor) d).executeScript("""
                    const body = document.querySelector('#transcript .msg.assistant.streaming .body');
                    return body && body.textContent.trim() ? body.textContent : null;"""),
                    "Ana's reply streaming in Bea's browser");
            for (WebDriver guest : List.of(ana, bea)) {
                awaitIn(guest, d -> texts(d, "#transcript .msg.assistant .body").contains("Try the coast in June.")
                        && d.findElements(By.cssSelector("#transcript .msg.assistant.streaming")).isEmpty(),
                        "the whole reply");
                assertThat(lastText(guest, "#transcript .msg.user")).as("the asker's name and question")
                        .contains("Ana").contains("Where shall we go?");
            }
            assertThat(partial).doesNotContain("June.");
            owner.await(d -> owner.texts("#transcript .msg.assistant .body").contains("Try the coast in June."),
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
            awaitIn(other, d -> text(d, "room-members").equals("In this room: Ana, Carl (you)"), "Carl in the room");
            awaitIn(ana, d -> text(d, "room-members").equals("In this room: Ana (you), Carl"), "Carl in Ana's list");

            other.navigate().refresh();
            awaitIn(other, d -> text(d, "room-members").equals("In this room: Ana, Carl (you)"),
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
                    && text(d, "room-members").equals("In this room: Ana (you)")
                    && d.findElement(By.id("input")).isEnabled(), "Ana back in the room with what was said");
            assertThat(network.connectionsMade()).as("the page connected again by itself").isGreaterThan(connections);
            assertThat(texts(ana, "#transcript .msg.user .body")).containsExactly("Before the drop",
                    "While Ana was away");
            send(ana, "I am back");
            awaitIn(ana, d -> texts(d, "#transcript .msg.user .body").stream().anyMatch(t -> t.contains("I am back")),
                    "Ana's message after the reconnect");
        }
    }

    /** Share… → Open as a room: the invite's address, shown once. */
    private String openRoom() {
        owner.driver.findElement(By.id("share-chat")).click();
        owner.await(d -> d.findElement(By.id("open-room")).isDisplayed(), "the share panel");
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
