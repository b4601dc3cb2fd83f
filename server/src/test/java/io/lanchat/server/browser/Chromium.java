package io.lanchat.server.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium and its chromedriver as Debian installs them ({@code apt-get install chromium
 * chromium-driver}). Both paths are given to Selenium explicitly, so Selenium Manager never looks for (or
 * downloads) a browser or a driver, and the browser is told not to phone home.
 */
final class Chromium implements AutoCloseable {
    static final File BROWSER = new File("/usr/bin/chromium");
    static final File DRIVER = new File("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    static final int WIDTH = 1000;
    static final int HEIGHT = 800;

    private Chromium() {
        try {
            profile = Files.createTempDirectory("lanchat-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--no-default-browser-check", "--disable-extensions", "--disable-default-apps",
                "--password-store=basic", "--lang=en-US", "--force-device-scale-factor=1",
                "--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER)
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(5));
    }

    /** Back to the default window size, for a test that changed it. */
    void resetWindow() {
        driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
    }

    /** Skips the calling test class, with the reason and the fix, when Chromium or chromedriver is missing. */
    static void assumeInstalled() {
        assumeTrue(BROWSER.canExecute(), "Chromium is not installed at " + BROWSER
                + "; install it with: apt-get install -y chromium chromium-driver");
        assumeTrue(DRIVER.canExecute(), "chromedriver is not installed at " + DRIVER
                + "; install it with: apt-get install -y chromium chromium-driver");
    }

    /** Starts a browser. Test classes get the shared one through {@link SharedChromium} instead. */
    static Chromium start() {
        return new Chromium();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
