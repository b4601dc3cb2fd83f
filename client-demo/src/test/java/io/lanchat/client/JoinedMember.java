package io.lanchat.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A member's client, run as {@code --join LINK --name NAME} with its input typed through a pipe. */
final class JoinedMember implements AutoCloseable {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PipedOutputStream keys = new PipedOutputStream();
    final CompletableFuture<ExitCode> exit;

    private JoinedMember(String invite, String name) throws IOException {
        PipedInputStream in = new PipedInputStream(keys);
        exit = CompletableFuture.supplyAsync(() -> ClientMain.run(
                new String[] {"--join", invite, "--name", name}, in,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false));
    }

    static JoinedMember join(String invite, String name) throws IOException {
        return new JoinedMember(invite, name);
    }

    void type(String line) throws IOException {
        keys.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    void await(String text) throws InterruptedException {
        LiveServer.await(() -> out().contains(text), "'" + text + "' in the member's output:\n" + out());
    }

    void awaitErr(String text) throws InterruptedException {
        LiveServer.await(() -> err().contains(text), "'" + text + "' in the member's errors:\n" + err());
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
