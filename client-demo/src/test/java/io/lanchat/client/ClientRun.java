package io.lanchat.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One in-process run of the client, as {@code java -jar} would run it with stdin from a pipe or file.
 *
 * @param exit the exit status
 * @param out  what it printed on stdout
 * @param err  what it printed on stderr
 */
record ClientRun(int exit, String out, String err) {

    // The client reads and writes the platform charset, as System.in/System.out do.
    private static final Charset CHARSET = Charset.defaultCharset();

    static ClientRun of(String stdin, Map<String, String> env, String... args) {
        return new Running(stdin, withKeyFile(env), args).run();
    }

    /** Unless a test says where, the owner key goes to a fresh temporary file, never the user's ~/.lanchat. */
    private static Map<String, String> withKeyFile(Map<String, String> env) {
        if (env.containsKey(ClientOptions.OWNER_KEY_FILE_ENV)) {
            return env;
        }
        Map<String, String> copy = new java.util.HashMap<>(env);
        copy.put(ClientOptions.OWNER_KEY_FILE_ENV, InteractiveHarness.tempKeyFile().toString());
        return copy;
    }

    static ClientRun of(String stdin, String... args) {
        return of(stdin, Map.of(), args);
    }

    /** Starts the client on another thread, for tests that act while it runs. */
    static Running start(String stdin, String... args) {
        Running running = new Running(stdin, withKeyFile(Map.of()), args);
        running.future = CompletableFuture.supplyAsync(running::run);
        return running;
    }

    /** A client run in progress, whose output can be read before it ends. */
    static final class Running {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final String stdin;
        private final Map<String, String> env;
        private final String[] args;
        private CompletableFuture<ClientRun> future;

        private Running(String stdin, Map<String, String> env, String[] args) {
            this.stdin = stdin;
            this.env = env;
            this.args = args;
        }

        private ClientRun run() {
            int exit = ClientMain.run(args, new ByteArrayInputStream(stdin.getBytes(CHARSET)),
                    new PrintStream(out, true, CHARSET), new PrintStream(err, true, CHARSET), env);
            return new ClientRun(exit, out.toString(CHARSET), err.toString(CHARSET));
        }

        /** Waits for the run to end; on timeout, fails with what it printed so far. */
        ClientRun await(long seconds) throws InterruptedException, ExecutionException {
            try {
                return future.get(seconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("the client did not finish within " + seconds + " s; stdout:\n"
                        + out.toString(CHARSET) + "\nstderr:\n" + err.toString(CHARSET));
            }
        }
    }
}
