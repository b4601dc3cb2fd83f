package io.lanchat.server.config;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The values one numeric Ollama option may take: {@code min..max}, inclusive, whole numbers only when
 * {@code whole}.
 */
public record OptionRange(String name, double min, double max, boolean whole) {
    public OptionRange {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("an option name is lower case letters, digits and _, was '" + name + "'");
        }
        if (!(min <= max)) {
            throw new IllegalArgumentException("option " + name + ": the range's start must not exceed its end");
        }
    }

    static OptionRange decimal(String name, double min, double max) {
        return new OptionRange(name, min, max, false);
    }

    static OptionRange whole(String name, long min, long max) {
        return new OptionRange(name, min, max, true);
    }

    /** Reads {@code name=min..max}, as given to {@code --option-ranges}. */
    static OptionRange parse(String entry) {
        int eq = entry.indexOf('=');
        int dots = entry.indexOf("..", eq + 1);
        if (eq <= 0 || dots < 0) {
            throw new IllegalArgumentException("--option-ranges entries look like num_ctx=2048..32768, not '"
                    + entry + "'");
        }
        try {
            BigDecimal min = new BigDecimal(entry.substring(eq + 1, dots).strip());
            BigDecimal max = new BigDecimal(entry.substring(dots + 2).strip());
            boolean whole = isWhole(min) && isWhole(max);
            return new OptionRange(entry.substring(0, eq).strip(), min.doubleValue(), max.doubleValue(), whole);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--option-ranges entry '" + entry + "' needs numbers on both sides of ..");
        }
    }

    /** Null when {@code value} is allowed; otherwise what is wrong, for the user. */
    String violation(Object value) {
        if (!(value instanceof Number number)) {
            return "Option " + name + " must be a number " + describe() + ".";
        }
        double v = number.doubleValue();
        boolean integral = number instanceof Integer || number instanceof Long || number instanceof Short
                || number instanceof java.math.BigInteger || (v == Math.rint(v) && !Double.isInfinite(v));
        if (whole && !integral) {
            return "Option " + name + " must be a whole number " + describe() + ".";
        }
        if (Double.isNaN(v) || v < min || v > max) {
            return "Option " + name + " is " + number + "; this server allows " + describe() + ".";
        }
        return null;
    }

    /** "from 0 to 2", as users read it. */
    public String describe() {
        return "from " + format(min) + " to " + format(max);
    }

    private String format(double value) {
        if (whole || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static boolean isWhole(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0;
    }
}
