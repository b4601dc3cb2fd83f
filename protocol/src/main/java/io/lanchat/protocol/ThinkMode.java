package io.lanchat.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Whether a thinking model thinks before it answers, and how much. The server turns it into what the model takes
 * (Ollama's {@code think}): a model that takes only on/off thinks for any level, a model that takes only levels
 * (gpt-oss) gets its default level for {@code on} and its lowest for {@code off} (it cannot stop thinking), and
 * {@code max} becomes the highest level it has. A model without the thinking capability is never asked to think.
 */
public enum ThinkMode {
    ON, OFF, LOW, MEDIUM, HIGH, MAX;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the named levels ({@code low} to {@code max}). */
    public boolean isLevel() {
        return this != ON && this != OFF;
    }

    /** The mode named {@code text} (as on the wire), or null for none. */
    public static ThinkMode fromWire(String text) {
        for (ThinkMode mode : values()) {
            if (mode.wireName().equals(text)) {
                return mode;
            }
        }
        return null;
    }
}
