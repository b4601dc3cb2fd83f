package io.lanchat.server.room;

import java.util.regex.Pattern;

/** Whether a room member's message addresses the model: it mentions {@code @model} as a word of its own. */
public final class ModelMentions {
    /** "@model", any case, not inside a longer word or address ("me@model.org" and "@models" do not count). */
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@.])@model(?![\\w@-])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    private ModelMentions() {
    }

    public static boolean addressesModel(String text) {
        return MENTION.matcher(text).find();
    }
}
