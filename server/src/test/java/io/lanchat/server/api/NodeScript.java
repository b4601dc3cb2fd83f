package io.lanchat.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the Node scripts in {@code src/test/node} (real npm clients, installed there by {@code npm ci}) and
 * reads the one JSON line it prints.
 */
final class NodeScript {
    static final Path DIR = Path.of("src", "test", "node");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NodeScript() {
    }

    /** Why these tests cannot run here, or null when Node and the installed packages are present. */
    static String missing(String... packages) {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!node.waitFor(10, TimeUnit.SECONDS) || node.exitValue() != 0) {
                return "node does not run";
            }
        } catch (IOException e) {
            return "node is not installed (install nodejs and npm; .ci/run does)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        for (String name : packages) {
            if (!Files.isDirectory(DIR.resolve("node_modules").resolve(name))) {
                return "the npm package " + name + " is not installed: run `npm ci` in server/src/test/node"
                        + " (.ci/run does)";
            }
        }
        return null;
    }

    /** Runs {@code script scenario} with {@code env}; the parsed output line. */
    static JsonNode run(String script, String scenario, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of("node", script, scenario)).directory(DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().remove("OLLAMA_API_KEY");
        builder.environment().remove("OPENAI_API_KEY");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " " + scenario + " did not finish within 30 s");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String last = out.lines().reduce((a, b) -> b).orElse("");
        try {
            return JSON.readTree(last);
        } catch (IOException e) {
            throw new AssertionError(script + " " + scenario + " printed no JSON: " + out, e);
        }
    }
}
