package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Images and text files attached in the page (issue 14, items 3 and 4): picked with the paperclip's file input,
 * pasted or dropped, shown as chips, uploaded, sent with the message to a vision model that gets them scaled down, and shown with
 * the message, again after a reload (from the history). A model without vision: the page names the models that
 * can see, and a refused message keeps its text and its files for the next try.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class AttachmentsPageTest {
    private static final String VISION = "gemma3:4b";

    @TempDir
    Path files;
    private LiveServer server;
    private ChatPage page;

    @BeforeEach
    void start(Chromium chromium) throws Exception {
        server = LiveServer.start("--max-image-edge", "64");
        server.ollama.setCapabilities(VISION, List.of("completion", "vision"), 8192);
        page = new ChatPage(chromium.driver);
        page.open(server.url());
        page.await(d -> page.modelPicker().getOptions().stream()
                .anyMatch(o -> o.getText().startsWith(VISION) && o.getText().contains("vision")), "the vision model");
    }

    @AfterEach
    void stop() {
        page.forgetEverything();
        server.close();
    }

    private Path png(String name, int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0xff0000);
        Path file = files.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private void attach(Path file) {
        page.driver.findElement(By.id("attach-input")).sendKeys(file.toString());
    }

    /**
     * Hands the page a file as a paste into the box or a drop on the transcript would: a synthetic event carrying a
     * File in a DataTransfer (a test cannot reach the real clipboard or drag a file in).
     */
    private void hand(String event, Path file, String type) throws Exception {
        page.script("""
                const [event, base64, name, type] = arguments;
                const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
                const data = new DataTransfer();
                data.items.add(new File([bytes], name, { type }));
                const init = { bubbles: true, cancelable: true };
                if (event === 'paste') {
                  document.getElementById('input').dispatchEvent(new ClipboardEvent('paste', { ...init, clipboardData: data }));
                } else {
                  document.getElementById('scroller').dispatchEvent(new DragEvent('drop', { ...init, dataTransfer: data }));
                }
                """, event, java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(file)),
                file.getFileName().toString(), type);
    }

    /** The chips' texts, once none is uploading any more. */
    private List<String> chipsWhenUploaded(int count) {
        return page.await(d -> {
            List<String> chips = page.texts(".attach-chip");
            return chips.size() == count && chips.stream().noneMatch(c -> c.contains("Uploading")) ? chips : null;
        }, count + " uploaded chips");
    }

    private WebElement awaitImage(String alt) {
        return page.await(d -> d.findElements(By.cssSelector("#transcript .msg.user img[alt='" + alt + "']")).stream()
                .filter(i -> String.valueOf(i.getDomProperty("src")).startsWith("blob:")
                        && ((Number) page.script("return arguments[0].naturalWidth", i)).intValue() > 0)
                .findFirst().orElse(null), "the image " + alt + " shown with the message");
    }

    @Test
    void anImageGoesScaledDownToAVisionModelAndIsShownWithTheMessageAgainAfterAReload() throws Exception {
        page.modelPicker().selectByValue(VISION);
        attach(png("photo.png", 200, 100));
        assertThat(chipsWhenUploaded(1).get(0)).contains("photo.png");
        assertThat(page.announcement()).isEqualTo("photo.png attached.");
        page.assertNoAxeViolations("a chip above the box");

        page.send("What is this?");
        page.awaitReplyEnded();
        assertThat(page.lastReplyText()).as("the stand-in saw the image scaled to 64 px")
                .startsWith("[1 image: 64x32 png]").contains("What is this?");
        assertThat(page.texts(".attach-chip")).as("sent: the box is empty again").isEmpty();
        awaitImage("photo.png");

        page.driver.navigate().refresh();
        page.awaitConnected();
        WebElement image = awaitImage("photo.png");
        assertThat(image.findElement(By.xpath("..")).getDomProperty("href")).as("opens larger").startsWith("blob:");
        page.assertNoAxeViolations("an image in the transcript");
    }

    @Test
    void aModelWithoutVisionIsNamedAndTheRefusedMessageKeepsItsTextAndImage() throws Exception {
        page.modelPicker().selectByValue(LiveServer.DEFAULT_MODEL);
        hand("paste", png("chart.png", 40, 30), "image/png");
        chipsWhenUploaded(1);
        page.await(d -> page.composerStatus().contains(VISION) ? true : null, "the composer to name the vision model");
        assertThat(page.composerStatus()).contains(LiveServer.DEFAULT_MODEL + " can’t see images");

        page.send("Read the chart");
        page.await(d -> d.findElements(By.cssSelector(".error-box")).isEmpty() ? null : true, "the refusal");
        assertThat(page.driver.findElement(By.cssSelector(".error-box")).getText()).contains(VISION);
        page.await(d -> page.inputText().equals("Read the chart") && page.texts(".attach-chip").size() == 1
                ? true : null, "the text and the image back in the box");

        page.modelPicker().selectByValue(VISION);
        page.await(d -> page.composerStatus().isEmpty() ? true : null, "no vision warning for a vision model");
        page.input().sendKeys(org.openqa.selenium.Keys.ENTER);
        page.await(d -> page.replies().size() == 1 ? true : null, "a reply");
        page.awaitReplyEnded();
        assertThat(page.lastReplyText()).startsWith("[1 image: 40x30 png]").contains("Read the chart");
    }

    @Test
    void aTextFileDroppedOnTheTranscriptReachesTheModelWithItsName() throws Exception {
        Path notes = files.resolve("notes.md");
        Files.writeString(notes, "# Plan\nbuy milk\n", StandardCharsets.UTF_8);
        hand("drop", notes, "text/markdown");
        assertThat(chipsWhenUploaded(1).get(0)).contains("notes.md");
        page.send("summarise");
        page.awaitReplyEnded();
        assertThat(page.lastReplyText()).contains("summarise").contains("notes.md").contains("buy milk");
    }
}
