package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * One Ollama option this server accepts in {@code chat.options} and in conversation settings, and its range:
 * {@code min..max} inclusive, whole numbers only when {@code whole}. Sent in {@code hello}, so a client can show
 * the range before anyone types a value (the server never changes a value silently; it refuses it).
 *
 * @param name  the option, e.g. {@code temperature}
 * @param min   the smallest value allowed; a whole number is held (and written) as a {@link Long}
 * @param max   the largest value allowed; likewise
 * @param whole whether only whole numbers are allowed
 */
public record OptionLimit(String name, Number min, Number max, boolean whole) {
    public OptionLimit {
        requireNonNull(name, "name");
        min = plain(requireNonNull(min, "min"));
        max = plain(requireNonNull(max, "max"));
    }

    /** Whole values as Long and others as Double, so that equal ranges are equal however they were read. */
    private static Number plain(Number value) {
        double d = value.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Number) Long.valueOf((long) d) : (Number) Double.valueOf(d);
    }
}
