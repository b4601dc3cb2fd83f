package io.lanchat.client;

import java.net.URI;
import java.util.Map;

/** The command line of {@code --join LINK --name NAME [--access-token TOKEN]}, checked before connecting. */
record JoinOptions(URI link, String name, String accessToken) {
    private static final int MAX_NAME = 32;

    static JoinOptions parse(String[] args, Map<String, String> env) throws UsageException {
        String link = null;
        String name = null;
        String token = env.get(ClientOptions.ACCESS_TOKEN_ENV);
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new UsageException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--join" -> link = args[i + 1];
                case "--name" -> name = args[i + 1].strip();
                case "--access-token" -> token = args[i + 1];
                default -> throw new UsageException("with --join, only --name and --access-token are allowed, not "
                        + args[i]);
            }
        }
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            throw new UsageException("--join needs --name NAME (1 to " + MAX_NAME + " characters)");
        }
        URI uri;
        try {
            uri = URI.create(link);
            RoomLink.socketFor(uri, name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new JoinOptions(uri, name, token);
    }
}
