package io.lanchat.client;

import io.lanchat.protocol.RetryRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the user asked for, from the command line and the environment (a flag wins over its variable).
 *
 * @param url             the server's WebSocket endpoint, e.g. {@code ws://localhost:8080/ws}
 * @param model           the model to chat with, or null for the server's default
 * @param prompt          the one message to send in scriptable mode, or null
 * @param connectAttempts how many connection attempts in a row scriptable mode makes before it gives up
 * @param verbose         scriptable mode: also report on stderr where each reply stands before it starts
 *                        (waiting in line, loading the model)
 * @param help            true when {@code --help} was given
 * @param ownerKeyFile    where the owner key is kept (read at start, written when the server issues one)
 * @param ownerKey        an owner key given directly (it wins over the file, which is then left alone), or null
 * @param accessToken     the access token for a server started with {@code --access-tokens}, or null; with one,
 *                        no owner key is sent: the token's user owns the chats
 * @param conversation    scriptable mode: the id of the conversation to continue, or null for a new one
 */
public record ClientOptions(URI url, String model, String prompt, int connectAttempts, boolean verbose,
                            boolean help, Path ownerKeyFile, String ownerKey, String accessToken,
                            String conversation) {

    public static final URI DEFAULT_URL = URI.create("ws://localhost:8080/ws");
    public static final String URL_ENV = "LANCHAT_URL";
    public static final int DEFAULT_CONNECT_ATTEMPTS = 3;
    public static final String OWNER_KEY_FILE_ENV = "LANCHAT_OWNER_KEY_FILE";
    public static final String OWNER_KEY_ENV = "LANCHAT_OWNER_KEY";
    public static final String ACCESS_TOKEN_ENV = "LANCHAT_ACCESS_TOKEN";
    private static final Set<String> WITH_VALUE = Set.of("--url", "--model", "--prompt", "--connect-attempts",
            "--owner-key-file", "--owner-key", "--access-token", "--conversation");

    /** Options as older callers (and tests) build them: the default owner key file, no token, no conversation. */
    public ClientOptions(URI url, String model, String prompt, int connectAttempts, boolean verbose, boolean help) {
        this(url, model, prompt, connectAttempts, verbose, help, defaultOwnerKeyFile(), null, null, null);
    }

    /** {@code ~/.lanchat/owner-key}: in the user's home, so every run of the client by that user shares it. */
    public static Path defaultOwnerKeyFile() {
        return Path.of(System.getProperty("user.home"), ".lanchat", "owner-key");
    }

    /**
     * Reads the options.
     *
     * @param args the command line
     * @param env  the environment, e.g. {@code System.getenv()}
     * @throws UsageException naming the option and what is allowed
     */
    public static ClientOptions parse(String[] args, Map<String, String> env) throws UsageException {
        String url = env.get(URL_ENV);
        String model = null;
        String prompt = null;
        String attempts = null;
        String keyFile = env.get(OWNER_KEY_FILE_ENV);
        String ownerKey = env.get(OWNER_KEY_ENV);
        String accessToken = env.get(ACCESS_TOKEN_ENV);
        String conversation = null;
        boolean verbose = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = null;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                help = true;
                continue;
            }
            if (flag.equals("--verbose") || flag.equals("-v")) {
                verbose = true;
                continue;
            }
            if (!WITH_VALUE.contains(flag)) {
                throw new UsageException("unknown option '" + flag + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(flag + " needs a value");
                }
                value = args[++i];
            }
            switch (flag) {
                case "--url" -> url = value;
                case "--model" -> model = value;
                case "--prompt" -> prompt = value;
                case "--owner-key-file" -> keyFile = value;
                case "--owner-key" -> ownerKey = value;
                case "--access-token" -> accessToken = value;
                case "--conversation" -> conversation = value;
                default -> attempts = value;
            }
        }
        if (prompt != null && prompt.isBlank()) {
            throw new UsageException("--prompt must not be blank");
        }
        return new ClientOptions(url == null ? DEFAULT_URL : parseUrl(url), checkModel(model), prompt,
                attempts == null ? DEFAULT_CONNECT_ATTEMPTS : parseAttempts(attempts), verbose, help,
                keyFile == null || keyFile.isBlank() ? defaultOwnerKeyFile() : Path.of(keyFile),
                checkSecret("--owner-key", ownerKey), checkSecret("--access-token", accessToken),
                checkConversation(conversation));
    }

    /** Secrets go into a URL or a header: printable ASCII only, and never echoed in the message. */
    private static String checkSecret(String flag, String value) throws UsageException {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String secret = value.strip();
        if (secret.isEmpty() || secret.length() > 512 || !secret.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new UsageException(flag + " must be 1..512 printable characters without spaces");
        }
        return secret;
    }

    private static String checkConversation(String id) throws UsageException {
        if (id == null) {
            return null;
        }
        try {
            // The protocol records own the rules for conversation ids.
            return new io.lanchat.protocol.OpenConversationRequest(null, id.strip(), null, null).conversationId();
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad --conversation '" + id + "': " + e.getMessage());
        }
    }

    /**
     * Accepts {@code ws://} and {@code wss://} URLs, and, to be forgiving, {@code http(s)://} ones and a missing
     * path, which mean the same server's {@code /ws} endpoint.
     */
    static URI parseUrl(String text) throws UsageException {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new UsageException("--url is not a URL: '" + text + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        scheme = switch (scheme) {
            case "ws", "http" -> "ws";
            case "wss", "https" -> "wss";
            default -> throw new UsageException("--url must look like ws://HOST:PORT/ws, was '" + text + "'");
        };
        if (uri.getHost() == null) {
            throw new UsageException("--url has no host: '" + text + "'");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")
                ? "/ws" : uri.getRawPath();
        try {
            return new URI(scheme, null, uri.getHost(), uri.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw new UsageException("--url is not a URL: '" + text + "'");
        }
    }

    /** Applies the protocol's model-name rules now, so a typo is a usage error rather than a failed request. */
    static String checkModel(String model) throws UsageException {
        if (model == null) {
            return null;
        }
        try {
            // The protocol records own the rules (length, no spaces or control characters); don't copy them here.
            return new RetryRequest(null, model).model();
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad model name '" + model + "': " + e.getMessage());
        }
    }

    private static int parseAttempts(String value) throws UsageException {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--connect-attempts must be a whole number of at least 1, was '" + value + "'");
    }

    /** The text {@code --help} prints. */
    public static String usage() {
        StringBuilder out = new StringBuilder();
        out.append("""
                Usage: java -jar lanchat-client.jar [options]

                Chats with a LAN Chat server. In a terminal it is an interactive chat; with --prompt, or with
                lines on standard input, it prints only the reply text, so it can be used in scripts.

                Options:
                  --url URL              the server's WebSocket endpoint (env %s; default %s)
                  --model NAME           the model to use (default: the server's default model)
                  --prompt TEXT          send this one message, print the reply and exit
                  --connect-attempts N   scriptable mode: connection attempts before giving up (default %d)
                  -v, --verbose          scriptable mode: say on stderr when a reply waits in line or for its
                                         model to load (the interactive chat always shows it), and at the
                                         end the id of the conversation, for --conversation
                  --conversation ID      scriptable mode: continue this conversation (an id from --verbose,
                                         or from /open in the interactive chat) instead of starting a new one
                  --owner-key-file PATH  where your owner key is kept (env %s;
                                         default ~/.lanchat/owner-key)
                  --owner-key KEY        use this owner key (env %s); the file is left alone
                  --access-token TOKEN   for a server started with --access-tokens (env %s); your chats
                                         then belong to the token's user and no owner key is used
                  -h, --help             show this help

                Or: java -jar lanchat-client.jar --view LINK [--access-token TOKEN] shows a conversation shared
                with you as a read-only link (http://host:port/s/TOKEN): a snapshot is printed, a live link is
                followed until it is revoked.

                Or: java -jar lanchat-client.jar --join LINK --name NAME [--access-token TOKEN] joins a room
                (an invite http://host:port/r/TOKEN from /room): you see its history, who is present and every
                message and reply as it streams; typed lines are sent, /stop stops the reply to yours, /quit leaves.
                A dropped connection joins the room again by itself (6 attempts over about half a minute).

                Scriptable mode reads one message per line from standard input when there is no --prompt and
                standard input is not a terminal; the lines form one conversation, and each reply is printed
                followed by a newline.

                Interactive commands: /chats, /chats more, /search WORDS, /open N, /new, /rename TITLE,
                /delete [N] [yes], /export FILE.md|FILE.json, /import FILE.json, /key, /models, /model NAME,
                /think on|off|low|medium|high|max|default, /reset, /retry, /pull NAME, /share [live], /shares,
                /unshare ID, /room [MINUTES] [--mentioned], /help, /quit.
                Ctrl-C stops a reply that is being written; at the prompt it quits.

                Your conversations are kept by the server and belong to your owner key: the server issues one
                on the first connection and the client saves it (owner-only permissions) and presents it from
                then on. Anyone with the key can read, continue and delete your chats, so keep it secret. To
                take your chats to another device, run /key and give the key to the client there
                (--owner-key, or its owner key file).

                When the connection drops, the client reconnects and resumes the conversation: a reply that was
                being written goes on where it broke off. If another client resumes the same conversation, this
                one leaves it to that client and exits (5).

                Exit codes:
                """.formatted(URL_ENV, DEFAULT_URL, DEFAULT_CONNECT_ATTEMPTS, OWNER_KEY_FILE_ENV, OWNER_KEY_ENV,
                        ACCESS_TOKEN_ENV));
        for (ExitCode code : ExitCode.values()) {
            out.append(String.format(Locale.ROOT, "  %d  %s%n", code.code(), code.meaning()));
        }
        return out.toString();
    }
}
