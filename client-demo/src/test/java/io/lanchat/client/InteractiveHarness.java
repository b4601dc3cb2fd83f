package io.lanchat.client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drives an {@link InteractiveSession} as a person at a terminal would: type lines, press Ctrl-C, and wait for
 * text to appear. Each wait consumes the output up to the match, so the same text can be awaited again later.
 */
final class InteractiveHarness implements AutoCloseable {
    final InteractiveSession session;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<ExitCode> exit;
    private int outSeen;
    private int errSeen;

    InteractiveHarness(String url, String model) {
        this(new ClientOptions(URI.create(url), model, null, 1, false, false, tempKeyFile(), null, null, null));
    }

    InteractiveHarness(ClientOptions options) {
        // A short heartbeat: the JDK client now and then misses a server's close (see ChatConnection).
        session = new InteractiveSession(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ofSeconds(1));
        exit = CompletableFuture.supplyAsync(() -> {
            try {
                return session.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A fresh place for the owner key, so tests never touch the user's ~/.lanchat. */
    static Path tempKeyFile() {
        try {
            return Files.createTempDirectory("lanchat-test").resolve("keys").resolve("owner-key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InteractiveHarness connect(LiveServer live) throws InterruptedException {
        InteractiveHarness harness = new InteractiveHarness(live.url(), null);
        harness.awaitOut("/help lists the commands.");
        return harness;
    }

    InteractiveHarness type(String line) {
        session.type(line);
        return this;
    }

    /** Waits until stdout shows {@code text} after what earlier waits consumed; returns the output up to it. */
    String awaitOut(String text) throws InterruptedException {
        String seen = await(out, text, outSeen, "stdout");
        outSeen += seen.length();
        return seen;
    }

    /** Waits until stdout shows every one of {@code texts}, in any order; consumes the output up to the last. */
    String awaitOutAll(String... texts) throws InterruptedException {
        int end = outSeen;
        for (String text : texts) {
            int from = outSeen;
            String seen = await(out, text, from, "stdout");
            end = Math.max(end, from + seen.length());
        }
        String all = out.toString(StandardCharsets.UTF_8).substring(outSeen, end);
        outSeen = end;
        return all;
    }

    String awaitErr(String text) throws InterruptedException {
        String seen = await(err, text, errSeen, "stderr");
        errSeen += seen.length();
        return seen;
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    ExitCode awaitExit() throws Exception {
        return exit.get(10, TimeUnit.SECONDS);
    }

    private static String await(ByteArrayOutputStream stream, String text, int from, String name)
            throws InterruptedException {
        long deadline = System.nanoTime() + LiveServer.WAIT.toNanos();
        while (true) {
            String all = stream.toString(StandardCharsets.UTF_8);
            int at = all.indexOf(text, from);
            if (at >= 0) {
                return all.substring(from, at + text.length());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' on " + name + " after:\n" + all.substring(from));
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        session.endOfInput();
        exit.orTimeout(10, TimeUnit.SECONDS).join();
    }
}
