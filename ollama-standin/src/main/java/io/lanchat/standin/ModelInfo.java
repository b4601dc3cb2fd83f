package io.lanchat.standin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An installed model as {@code /api/tags}, {@code /api/ps} and {@code /api/show} describe it; every
 * attribute is derived deterministically from the name, so runs are reproducible.
 *
 * @param name          display name in {@code model:tag} form, case as configured
 * @param digest        64 lower-case hex characters, no {@code sha256:} prefix
 * @param size          bytes on disk
 * @param family        e.g. {@code llama}
 * @param parameterSize e.g. {@code 1B}
 * @param quantization  e.g. {@code Q4_0}
 * @param modifiedAt    when the model was "pulled"
 * @param capabilities  what {@code /api/show} lists, e.g. {@code completion}, {@code vision}, {@code thinking}
 * @param contextLength the {@code <family>.context_length} in {@code model_info}
 * @param remoteHost    for a cloud model, the host that runs it (e.g. {@code https://ollama.com:443}); null when local
 * @param thinking      how the model thinks; {@link Thinking#NONE} unless a test says otherwise
 */
record ModelInfo(String name, String digest, long size, String family, String parameterSize,
                 String quantization, Instant modifiedAt, List<String> capabilities, int contextLength,
                 String remoteHost, Thinking thinking) {

    /** What a model can do when a test does not say: plain text completion, as tinyllama. */
    static final List<String> DEFAULT_CAPABILITIES = List.of("completion");
    static final int DEFAULT_CONTEXT_LENGTH = 2048;

    ModelInfo {
        capabilities = List.copyOf(capabilities);
    }

    /** The same model with other capabilities and context length. */
    ModelInfo withTraits(List<String> newCapabilities, int newContextLength) {
        return new ModelInfo(name, digest, size, family, parameterSize, quantization, modifiedAt, newCapabilities,
                newContextLength, remoteHost, thinking);
    }

    /**
     * The same model thinking as {@code style}: the {@code thinking} capability is added for the styles Ollama
     * lists it for ({@link Thinking#TOGGLE}, {@link Thinking#LEVELS}) and removed for the others.
     */
    ModelInfo withThinking(Thinking style) {
        List<String> caps = new java.util.ArrayList<>(capabilities);
        caps.remove("thinking");
        if (style == Thinking.TOGGLE || style == Thinking.LEVELS) {
            caps.add("thinking");
        }
        return new ModelInfo(name, digest, size, family, parameterSize, quantization, modifiedAt, caps,
                contextLength, remoteHost, style);
    }

    /**
     * The same model run on ollama.com: tags then list it with {@code remote_model}/{@code remote_host} and
     * the tiny size of a manifest that only points there, as Ollama does for {@code :cloud} models.
     */
    ModelInfo asRemote(String host) {
        return new ModelInfo(name, digest, 384, family, parameterSize, quantization, modifiedAt, capabilities,
                contextLength, host, thinking);
    }

    /** The upstream name a cloud model stands for: the tag without its {@code cloud} marker. */
    String remoteModel() {
        int colon = name.lastIndexOf(':');
        String tag = name.substring(colon + 1);
        if (tag.equals("cloud")) {
            return name.substring(0, colon);
        }
        return tag.endsWith("-cloud") ? name.substring(0, name.length() - "-cloud".length()) : name;
    }

    private static final Pattern SIZE_TAG = Pattern.compile("(\\d+(?:\\.\\d+)?)([bm])");

    /** Describes a model called {@code rawName} (a bare name gets {@code :latest}). */
    static ModelInfo of(String rawName, Instant modifiedAt) {
        String name = displayName(rawName);
        String key = key(name);
        String digest = sha256(key);
        String base = key.substring(key.lastIndexOf('/') + 1, key.lastIndexOf(':'));
        String tag = key.substring(key.lastIndexOf(':') + 1);
        boolean tiny = base.equals("tinyllama");
        // tinyllama's real download size, so demo output looks familiar; others 300 MB to 1.3 GB
        long size = tiny ? 637_700_138L : 300_000_000L + Long.parseLong(digest.substring(0, 8), 16) % 1_000_000_000L;
        Matcher m = SIZE_TAG.matcher(tag);
        String params = m.matches() ? m.group(1) + m.group(2).toUpperCase(Locale.ROOT) : "1B";
        return new ModelInfo(name, digest, size, family(base), params, tiny ? "Q4_0" : "Q4_K_M", modifiedAt,
                DEFAULT_CAPABILITIES, DEFAULT_CONTEXT_LENGTH, null, Thinking.NONE);
    }

    /** {@code name:tag} as Ollama displays it; a bare name means {@code :latest}. */
    static String displayName(String raw) {
        String name = raw.strip();
        return name.substring(name.lastIndexOf('/') + 1).contains(":") ? name : name + ":latest";
    }

    /**
     * The identity used for matching: case-insensitive, tag defaulted, and the default registry
     * and namespace dropped, so {@code TinyLlama}, {@code tinyllama:latest} and
     * {@code registry.ollama.ai/library/tinyllama} are the same model, as in Ollama.
     */
    static String key(String raw) {
        String key = displayName(raw).toLowerCase(Locale.ROOT);
        key = key.startsWith("registry.ollama.ai/") ? key.substring("registry.ollama.ai/".length()) : key;
        return key.startsWith("library/") ? key.substring("library/".length()) : key;
    }

    private static String family(String base) {
        if (base.startsWith("qwen3")) {
            return "qwen3";
        }
        if (base.startsWith("qwen")) {
            return "qwen2";
        }
        if (base.startsWith("gemma")) {
            return base.startsWith("gemma3") ? "gemma3" : "gemma";
        }
        if (base.startsWith("all-minilm") || base.contains("embed")) {
            return "bert";
        }
        return "llama";
    }

    /** Lower-case hex SHA-256 of the UTF-8 text. */
    static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
