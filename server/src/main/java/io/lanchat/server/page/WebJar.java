package io.lanchat.server.page;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A package packed as a WebJar on the class path: an npm package ({@code org.webjars.npm}) or a classic WebJar
 * ({@code org.webjars}). Its version is read from the jar itself, so upgrading the dependency in the pom is all it
 * takes.
 */
record WebJar(String name, String version) {
    static final String NPM = "org.webjars.npm";
    static final String CLASSIC = "org.webjars";

    /**
     * Finds the WebJar {@code name} of the Maven group {@code group} ({@link #NPM} or {@link #CLASSIC}).
     *
     * @throws IllegalStateException if it is not on the class path
     */
    static WebJar find(ClassLoader loader, String group, String name) {
        String descriptor = "META-INF/maven/" + group + "/" + name + "/pom.properties";
        byte[] bytes = ClasspathFiles.read(loader, descriptor);
        if (bytes == null) {
            throw new IllegalStateException("WebJar " + name + " is missing: " + descriptor + " is not on the class path");
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WebJar(name, properties.getProperty("version"));
    }

    /**
     * Reads one file of the package, e.g. {@code lib/marked.esm.js}.
     *
     * @throws IllegalStateException if the package has no such file
     */
    byte[] read(ClassLoader loader, String file) {
        byte[] bytes = ClasspathFiles.read(loader, "META-INF/resources/webjars/" + name + "/" + version + "/" + file);
        if (bytes == null) {
            throw new IllegalStateException("WebJar " + name + " " + version + " has no " + file);
        }
        return bytes;
    }

    /** The URL path the file is served at; it holds the version, so it can be cached for good. */
    String urlPath(String file) {
        return "/vendor/" + name + "/" + version + "/" + file;
    }
}
