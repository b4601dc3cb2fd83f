package io.lanchat.server.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which Ollama runtime options a client may set, and within which ranges. Options are passed to a GPU that
 * everybody shares: {@code num_ctx} or {@code num_gpu} make Ollama reload the model for everyone, and
 * {@code num_predict: -1} asks for an endless reply. So only sampling options are allowed by default, each within
 * a range; the administrator can widen a range or allow another numeric option with {@code --option-ranges}.
 * A value outside its range is refused with a message that names the range (never silently clamped).
 */
public final class OptionRules {
    /** Most entries in a {@code stop} list, and the longest entry. */
    static final int MAX_STOP_SEQUENCES = 16;
    static final int MAX_STOP_LENGTH = 200;

    private static final List<OptionRange> DEFAULTS = List.of(
            OptionRange.decimal("temperature", 0, 2),
            OptionRange.decimal("top_p", 0, 1),
            OptionRange.decimal("min_p", 0, 1),
            OptionRange.decimal("typical_p", 0, 1),
            OptionRange.whole("top_k", 1, 1000),
            OptionRange.decimal("repeat_penalty", 0, 2),
            OptionRange.whole("repeat_last_n", 0, 4096),
            OptionRange.decimal("presence_penalty", -2, 2),
            OptionRange.decimal("frequency_penalty", -2, 2),
            OptionRange.whole("mirostat", 0, 2),
            OptionRange.decimal("mirostat_tau", 0, 10),
            OptionRange.decimal("mirostat_eta", 0, 1),
            OptionRange.whole("seed", Integer.MIN_VALUE, Integer.MAX_VALUE),
            OptionRange.whole("num_predict", 1, 8192));

    private final Map<String, OptionRange> ranges;

    private OptionRules(Map<String, OptionRange> ranges) {
        this.ranges = Collections.unmodifiableMap(ranges);
    }

    public static OptionRules defaults() {
        return withOverrides(List.of());
    }

    /**
     * The defaults with {@code overrides} applied: {@code name=min..max} entries, each replacing the range of a
     * default option or allowing another numeric option (whole numbers when both ends are whole).
     */
    public static OptionRules parse(List<String> overrides) {
        return withOverrides(overrides.stream().map(OptionRange::parse).toList());
    }

    private static OptionRules withOverrides(List<OptionRange> overrides) {
        Map<String, OptionRange> ranges = new LinkedHashMap<>();
        DEFAULTS.forEach(r -> ranges.put(r.name(), r));
        overrides.forEach(r -> ranges.put(r.name(), r));
        return new OptionRules(ranges);
    }

    /** The allowed options and their ranges, for the documentation and for clients. */
    public Map<String, OptionRange> ranges() {
        return ranges;
    }

    /** Null when every option is allowed and in range; otherwise what is wrong, for the user. */
    public String violation(Map<String, Object> options) {
        if (options == null) {
            return null;
        }
        for (Map.Entry<String, Object> option : options.entrySet()) {
            String problem = violation(option.getKey(), option.getValue());
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String violation(String name, Object value) {
        if (value == null) {
            return "Option " + name + " is null; leave an option out to use the model's default.";
        }
        if (name.equals("stop")) {
            return stopViolation(value);
        }
        OptionRange range = ranges.get(name);
        if (range == null) {
            return "Option " + name + " is not allowed on this server. Allowed: stop, "
                    + ranges.keySet().stream().collect(Collectors.joining(", "))
                    + " (an administrator can allow more with --option-ranges).";
        }
        return range.violation(value);
    }

    private static String stopViolation(Object value) {
        if (!(value instanceof List<?> list) || list.size() > MAX_STOP_SEQUENCES
                || !list.stream().allMatch(s -> s instanceof String text && !text.isEmpty()
                        && text.length() <= MAX_STOP_LENGTH)) {
            return "Option stop must be a list of at most " + MAX_STOP_SEQUENCES + " non-empty strings of at most "
                    + MAX_STOP_LENGTH + " characters.";
        }
        return null;
    }
}
