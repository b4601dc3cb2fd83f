package io.lanchat.server.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads whole files from the class path at start-up: every file under one directory, from a folder (tests, an
 * IDE) or from the server jar, so that a new file in {@code src/main/resources/web/} needs no list kept by hand.
 */
final class ClasspathFiles {

    private ClasspathFiles() {
    }

    /**
     * Reads every file below {@code directory}, found through a file known to be in it.
     *
     * @return file contents keyed by path relative to {@code directory}, with {@code /} separators, sorted
     * @throws IllegalStateException if {@code directory/anchor} is not on the class path
     */
    static Map<String, byte[]> readTree(ClassLoader loader, String directory, String anchor) {
        URL url = loader.getResource(directory + "/" + anchor);
        if (url == null) {
            throw new IllegalStateException(directory + "/" + anchor + " is not on the class path");
        }
        try {
            return switch (url.getProtocol()) {
                case "file" -> fromFolder(Paths.get(url.toURI()).getParent());
                case "jar" -> fromJar((JarURLConnection) url.openConnection(), directory + "/");
                default -> throw new IllegalStateException("cannot list " + url);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory + " from " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads one class path resource, or returns null when there is none. */
    static byte[] read(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static Map<String, byte[]> fromFolder(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path file : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"),
                        Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static Map<String, byte[]> fromJar(JarURLConnection connection, String prefix) throws IOException {
        connection.setUseCaches(false);     // our own JarFile, so closing it cannot break the class loader's
        Map<String, byte[]> files = new TreeMap<>();
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.put(entry.getName().substring(prefix.length()), in.readAllBytes());
                    }
                }
            }
        }
        return files;
    }
}
