package io.lanchat.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads {@link ServerConfig} from command-line flags ({@code --port 8080} or {@code --port=8080}), then
 * environment variables, then defaults; a flag wins over its variable.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * @param args the command line, without {@code --help} (see {@link #help()})
     * @param env  environment lookup, e.g. {@code System::getenv}
     * @throws ConfigException naming the setting and what is allowed
     */
    public static ServerConfig load(String[] args, Function<String, String> env) {
        Map<Option, String> values = new EnumMap<>(Option.class);
        for (Option option : Option.values()) {
            String fromEnv = env.apply(option.env());
            values.put(option, fromEnv != null ? fromEnv : option.defaultValue());
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Option option = byFlag(name);
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new ConfigException(name + " needs a value");
                }
                value = args[++i];
            }
            values.put(option, value);
        }
        try {
            return new ServerConfig(
                    new NetworkSettings(values.get(Option.BIND).strip(), integer(Option.PORT, values),
                            duration(Option.PING_INTERVAL, values), duration(Option.SHUTDOWN_GRACE, values),
                            IoTransport.parse(values.get(Option.TRANSPORT)), duration(Option.REQUEST_TIMEOUT, values)),
                    new OllamaSettings(hosts(values.get(Option.OLLAMA_HOST)), integer(Option.PARALLEL, values),
                            duration(Option.CONNECT_TIMEOUT, values), duration(Option.FIRST_TOKEN_TIMEOUT, values),
                            duration(Option.TOKEN_IDLE_TIMEOUT, values), duration(Option.PROBE_INTERVAL, values),
                            duration(Option.PROBE_MAX_BACKOFF, values), duration(Option.PROBE_TIMEOUT, values),
                            bool(Option.ALLOW_CLOUD_MODELS, values)),
                    new ChatSettings(nonBlank(Option.MODEL, values), values.get(Option.SYSTEM_PROMPT),
                            integer(Option.MAX_SESSIONS, values), duration(Option.SESSION_IDLE, values),
                            integer(Option.HISTORY_BUDGET, values), integer(Option.MAX_STORED_MESSAGES, values),
                            integer(Option.MAX_MESSAGE_CHARS, values), duration(Option.RESUME_GRACE, values),
                            historyChars(values.get(Option.MAX_HISTORY_CHARS), Runtime.getRuntime().maxMemory()),
                            integer(Option.MAX_SESSION_CHARS, values)),
                    new Limits(integer(Option.MAX_FRAME_BYTES, values), integer(Option.MAX_CONNECTIONS, values),
                            integer(Option.MAX_CONNECTIONS_PER_ADDRESS, values),
                            integer(Option.RATE_PER_CONNECTION, values), integer(Option.RATE_PER_CLIENT, values),
                            integer(Option.MAX_QUEUE, values), integer(Option.REQUESTS_PER_CONNECTION, values)),
                    new AccessSettings(list(values.get(Option.ALLOWED_ORIGINS)),
                            tokens(values.get(Option.ACCESS_TOKENS)), list(values.get(Option.TRUSTED_PROXIES)),
                            bool(Option.ALLOW_PULL, values), list(values.get(Option.ALLOWED_HOSTS))),
                    new ReplySettings(integer(Option.MAX_REPLY_CHARS, values),
                            duration(Option.CLIENT_STALL_TIMEOUT, values),
                            OptionRules.parse(list(values.get(Option.OPTION_RANGES)))),
                    new StorageSettings(nonBlank(Option.DATABASE, values), Path.of(nonBlank(Option.DATA_DIR, values)),
                            "off".equalsIgnoreCase(values.get(Option.RETENTION).strip()) ? null
                                    : duration(Option.RETENTION, values)),
                    new ApiSettings(optionalPort(Option.API_PORT, values), duration(Option.API_MAX_WAIT, values),
                            integer(Option.API_MAX_BODY_BYTES, values)),
                    new AttachmentSettings(integer(Option.MAX_ATTACHMENT_BYTES, values),
                            integer(Option.MAX_IMAGES_PER_MESSAGE, values),
                            longNumber(Option.MAX_PENDING_ATTACHMENT_BYTES, values),
                            longNumber(Option.ATTACHMENT_MEMORY_BYTES, values), integer(Option.MAX_IMAGE_EDGE, values),
                            longNumber(Option.MAX_IMAGE_PIXELS, values)));
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static List<java.net.URI> hosts(String value) {
        List<String> entries = list(value);
        return entries.isEmpty() ? List.of(OllamaHost.parse("")) : entries.stream().map(OllamaHost::parse).toList();
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** {@code user:token[:admin]} entries; the secret is never echoed in an error. */
    private static List<AccessToken> tokens(String value) {
        List<AccessToken> tokens = new ArrayList<>();
        for (String entry : list(value)) {
            String[] parts = entry.split(":", -1);
            boolean admin = parts.length == 3 && parts[2].equals("admin");
            if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || (parts.length == 3 && !admin)) {
                throw new ConfigException(describe(Option.ACCESS_TOKENS) + " entries must look like user:token or"
                        + " user:token:admin (entry " + (tokens.size() + 1) + " does not)");
            }
            tokens.add(new AccessToken(parts[0].strip(), parts[1], admin));
        }
        return tokens;
    }

    /** The text {@code --help} prints: every flag, its variable, its default and what it does. */
    public static String help() {
        StringBuilder out = new StringBuilder();
        out.append("Usage: java -jar lanchat-server.jar [options]\n\n")
           .append("Every option can also be set by its environment variable; a flag wins.\n\n");
        for (Option option : Option.values()) {
            out.append(String.format(Locale.ROOT, "  %s VALUE%n      %s%n      env %s, default %s%n",
                    option.flag(), option.help(), option.env(),
                    option.defaultValue().isEmpty() ? "(none)" : option.defaultValue()));
        }
        out.append("\nDurations are written like 250ms, 30s, 5m, 1h or 90d (a bare number means seconds).\n");
        return out.toString();
    }

    private static Option byFlag(String flag) {
        for (Option option : Option.values()) {
            if (option.flag().equals(flag)) {
                return option;
            }
        }
        throw new ConfigException("unknown option " + flag + " (see --help)");
    }

    private static String nonBlank(Option option, Map<Option, String> values) {
        String value = values.get(option).strip();
        if (value.isEmpty()) {
            throw new ConfigException(describe(option) + " must not be empty");
        }
        return value;
    }

    private static boolean bool(Option option, Map<Option, String> values) {
        String value = values.get(option).strip().toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new ConfigException(describe(option) + " must be true or false, was '" + value + "'");
    }

    /**
     * The history budget in characters; {@code auto} is an eighth of the heap: a character takes one or two bytes,
     * so histories take at most about a quarter of the heap, leaving the rest to replies being written, Netty's
     * buffers and the garbage collector's headroom.
     */
    static long historyChars(String value, long maxHeapBytes) {
        String v = value.strip();
        if (v.equalsIgnoreCase("auto")) {
            return Math.max(1, maxHeapBytes / 8);
        }
        try {
            long chars = Long.parseLong(v);
            if (chars > 0) {
                return chars;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(describe(Option.MAX_HISTORY_CHARS) + " must be auto or a positive whole number,"
                + " was '" + v + "'");
    }

    /** A port that may be left unset (empty): null then. */
    private static Integer optionalPort(Option option, Map<Option, String> values) {
        return values.get(option).isBlank() ? null : integer(option, values);
    }

    private static int integer(Option option, Map<Option, String> values) {
        String value = values.get(option).strip();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(describe(option) + " must be a whole number, was '" + value + "'");
        }
    }

    private static long longNumber(Option option, Map<Option, String> values) {
        String value = values.get(option).strip();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(describe(option) + " must be a whole number, was '" + value + "'");
        }
    }

    static Duration duration(Option option, Map<Option, String> values) {
        String value = values.get(option).strip().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            char unit = value.isEmpty() ? ' ' : value.charAt(value.length() - 1);
            String number = Character.isDigit(unit) ? value : value.substring(0, value.length() - 1);
            long amount = Long.parseLong(number);
            switch (unit) {
                case 's': return Duration.ofSeconds(amount);
                case 'm': return Duration.ofMinutes(amount);
                case 'h': return Duration.ofHours(amount);
                case 'd': return Duration.ofDays(amount);
                default:
                    if (Character.isDigit(unit)) {
                        return Duration.ofSeconds(amount);
                    }
                    throw new NumberFormatException(value);
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(describe(option) + " must be a duration like 250ms, 30s, 5m, 1h or 90d, was '"
                    + value + "'");
        }
    }

    private static String describe(Option option) {
        return option.flag() + " (" + option.env() + ")";
    }
}
