package io.lanchat.client;

import io.lanchat.protocol.Hello;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Who this client is to the server, i.e. whose conversations it sees: the user of an access token, or else the
 * holder of an owner key. The key lives in a file (by default {@code ~/.lanchat/owner-key}, owner-only) so that
 * every run of the client continues the same chats; the first server that sees no key issues one in
 * {@code hello}, and it is saved then. The key is a password to all those chats, so it is never printed unless
 * asked for ({@code /key}).
 *
 * <p>Thread-safe: connections read it from their own threads while the session adopts a key from a hello.
 */
final class Credentials {
    private static final int MAX_KEY_FILE_BYTES = 4096;

    private final String accessToken;
    private final Path file;
    private final boolean fileIsOurs;   // false when the key came from elsewhere or the file could not be read
    private volatile String ownerKey;

    private Credentials(String accessToken, Path file, boolean fileIsOurs, String ownerKey) {
        this.accessToken = accessToken;
        this.file = file;
        this.fileIsOurs = fileIsOurs;
        this.ownerKey = ownerKey;
    }

    /**
     * Reads the owner key file (unless an access token or a key was given directly).
     *
     * @param warnings receives a sentence when the file exists but cannot be read (a key for this run only follows)
     */
    static Credentials load(ClientOptions options, java.util.function.Consumer<String> warnings) {
        if (options.accessToken() != null) {
            return new Credentials(options.accessToken(), null, false, null);
        }
        if (options.ownerKey() != null) {
            return new Credentials(null, options.ownerKeyFile(), false, options.ownerKey());
        }
        Path file = options.ownerKeyFile();
        try {
            if (Files.size(file) > MAX_KEY_FILE_BYTES) {
                throw new IOException("it is too big to be an owner key");
            }
            String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return new Credentials(null, file, key.isEmpty(), key.isEmpty() ? null : key);
        } catch (NoSuchFileException e) {
            return new Credentials(null, file, true, null);
        } catch (IOException | RuntimeException e) {
            warnings.accept("cannot read the owner key file " + file + " (" + Failures.describe(e) + "); your"
                    + " chats of this run will belong to a new key that is not saved.");
            return new Credentials(null, file, false, null);
        }
    }

    /** No token and no key: what tests of the connection itself use. */
    static Credentials none() {
        return new Credentials(null, null, false, null);
    }

    /** The WebSocket URL for the next connection attempt: the endpoint, plus the owner key when there is one. */
    URI connectUri(URI endpoint) {
        String key = ownerKey;
        if (accessToken != null || key == null) {
            return endpoint;
        }
        String text = endpoint.toString();
        return URI.create(text + (endpoint.getRawQuery() == null ? "?" : "&") + "owner_key="
                + URLEncoder.encode(key, StandardCharsets.UTF_8));
    }

    /** The access token to send as {@code Authorization: Bearer}, or null. */
    String accessToken() {
        return accessToken;
    }

    /** The owner key in use, or null (with an access token, or before a server issued one). */
    String ownerKey() {
        return ownerKey;
    }

    Path file() {
        return file;
    }

    /**
     * Keeps the owner key a server issued in its hello, if it issued one: saves it when this client had none, so
     * the next run presents it. A key given with {@code --owner-key}, or read from the file, is never overwritten:
     * if the server refused it (it issues a new one then), the new one is used for this run only.
     *
     * @return what happened, for the user, or null when nothing did
     */
    Adopted adopt(Hello hello) {
        String issued = hello.ownerKey();
        if (accessToken != null || issued == null || issued.equals(ownerKey)) {
            return null;
        }
        boolean hadKey = ownerKey != null;
        ownerKey = issued;
        if (hadKey || !fileIsOurs) {
            return new Adopted(false, hadKey
                    ? "the server did not accept your owner key and issued a new one: your chats of this run"
                            + " belong to it, for this run only" + (file == null ? "." : " (" + file
                            + " is left as it was).")
                    : "the server issued an owner key; it is kept for this run only (/key shows it).");
        }
        try {
            AtomicFile.write(file, (issued + "\n").getBytes(StandardCharsets.US_ASCII), true);
            return new Adopted(true, "your new owner key was saved in " + file + ": your chats belong to it;"
                    + " keep that file private (/key explains).");
        } catch (IOException | RuntimeException e) {
            return new Adopted(false, "cannot save the owner key in " + file + " (" + Failures.describe(e)
                    + "): your chats of this run cannot be listed after it ends.");
        }
    }

    /**
     * What {@link #adopt} did.
     *
     * @param saved   true when the key went into the file as it should (worth saying only when asked)
     * @param message a sentence for the user
     */
    record Adopted(boolean saved, String message) {
    }
}
