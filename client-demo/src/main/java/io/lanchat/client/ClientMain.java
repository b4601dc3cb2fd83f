package io.lanchat.client;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point: reads the options, picks the interactive chat (a terminal and no {@code --prompt}) or the
 * scriptable mode, and turns the outcome into the process's {@link ExitCode}.
 */
public final class ClientMain {

    private ClientMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, System.getenv()));
    }

    /**
     * Runs the client in this JVM, as {@code main} does, but with the given streams and environment (for tests
     * and for embedding). Interactive mode is chosen only when {@code in} is {@link System#in} and that is a
     * terminal; otherwise {@code in} is read as messages, one per line.
     *
     * @return the exit status, see {@link ExitCode}
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, in, out, err, env, in == System.in && System.console() != null).code();
    }

    static ExitCode run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
                        boolean terminal) {
        if (args.length >= 2 && args[0].equals("--view")) {
            return view(args, out, err, env);
        }
        if (List.of(args).contains("--join")) {
            return join(args, in, out, err, env, terminal);
        }
        ClientOptions options;
        try {
            options = ClientOptions.parse(args, env);
        } catch (UsageException e) {
            err.println("lanchat-client: " + e.getMessage() + ". Try --help.");
            return ExitCode.USAGE;
        }
        if (options.help()) {
            out.print(ClientOptions.usage());
            out.flush();
            return ExitCode.OK;
        }
        try {
            if (options.prompt() == null && terminal) {
                return interactive(options, out, err);
            }
            // The prompt is one message even if it spans lines; standard input is one message per line.
            Iterator<String> messages = options.prompt() != null
                    ? List.of(options.prompt()).iterator()
                    : new BufferedReader(new InputStreamReader(in, Charset.defaultCharset())).lines().iterator();
            return new ScriptSession(options, messages, out, err).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("lanchat-client: interrupted.");
            return ExitCode.REPLY_FAILED;
        }
    }

    /** {@code --view LINK [--access-token TOKEN]}: a shared conversation, read-only (see {@link ShareViewer}). */
    private static ExitCode view(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        String token = args.length == 4 && args[2].equals("--access-token") ? args[3]
                : env.get(ClientOptions.ACCESS_TOKEN_ENV);
        if (args.length != 2 && !(args.length == 4 && args[2].equals("--access-token"))) {
            err.println("lanchat-client: usage: --view LINK [--access-token TOKEN]. Try --help.");
            return ExitCode.USAGE;
        }
        try {
            ShareViewer.socketFor(java.net.URI.create(args[1]));
            return new ShareViewer(out, err).run(java.net.URI.create(args[1]), token);
        } catch (IllegalArgumentException e) {
            err.println("lanchat-client: " + e.getMessage() + ". Try --help.");
            return ExitCode.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.REPLY_FAILED;
        }
    }

    /** {@code --join LINK --name NAME [--access-token TOKEN]}: a room's member (see {@link RoomMember}). */
    private static ExitCode join(String[] args, InputStream in, PrintStream out, PrintStream err,
                                 Map<String, String> env, boolean terminal) {
        JoinOptions options;
        try {
            options = JoinOptions.parse(args, env);
        } catch (UsageException e) {
            err.println("lanchat-client: " + e.getMessage() + ". Try --help.");
            return ExitCode.USAGE;
        }
        BufferedReader input = terminal ? new BufferedReader(System.console().reader())
                : new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()));
        try {
            return new RoomMember(out, err).run(options.link(), options.name(), options.accessToken(), input);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.REPLY_FAILED;
        }
    }

    private static ExitCode interactive(ClientOptions options, PrintStream out, PrintStream err)
            throws InterruptedException {
        InteractiveSession session = new InteractiveSession(options, out, err);
        session.readFrom(new BufferedReader(System.console().reader()));
        Optional<Runnable> restore = CtrlC.route(session::interrupt);
        try {
            return session.run();
        } finally {
            restore.ifPresent(Runnable::run);
        }
    }
}
