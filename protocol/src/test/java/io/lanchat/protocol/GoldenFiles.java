package io.lanchat.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Access to the golden frames in {@code src/test/resources/protocol/} and to the registered type names. */
final class GoldenFiles {

    private static final String DIRECTORY = "/protocol/";

    private GoldenFiles() {
    }

    /** The text of one golden file, e.g. {@code client-chat.json}. */
    static String read(String fileName) {
        try (InputStream in = GoldenFiles.class.getResourceAsStream(DIRECTORY + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + DIRECTORY + fileName);
            }
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of all golden files, sorted. */
    static List<String> fileNames() {
        URL directory = GoldenFiles.class.getResource(DIRECTORY);
        if (directory == null) {
            throw new IllegalStateException("golden directory " + DIRECTORY + " is not on the class path");
        }
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The golden file for a message type: {@code client-<type>.json} or {@code server-<type>.json}. */
    static String fileNameFor(Class<?> messageClass) {
        Class<?> root = ClientMessage.class.isAssignableFrom(messageClass) ? ClientMessage.class : ServerMessage.class;
        String direction = root == ClientMessage.class ? "client-" : "server-";
        return direction + typeName(root, messageClass) + ".json";
    }

    /** The {@code type} value registered for a subtype in its root's {@code @JsonSubTypes}. */
    static String typeName(Class<?> root, Class<?> subtype) {
        return registeredTypes(root).stream()
                .filter(type -> type.value() == subtype)
                .map(JsonSubTypes.Type::name)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(subtype + " is not registered in " + root));
    }

    static List<JsonSubTypes.Type> registeredTypes(Class<?> root) {
        JsonSubTypes subTypes = root.getAnnotation(JsonSubTypes.class);
        if (subTypes == null) {
            throw new IllegalArgumentException(root + " has no @JsonSubTypes");
        }
        return Arrays.asList(subTypes.value());
    }
}
