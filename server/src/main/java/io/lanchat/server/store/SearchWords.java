package io.lanchat.server.store;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A search query as LIKE patterns: one per word, case folded, {@code %}, {@code _} and the escape character
 * {@code \} escaped so that they match themselves, wrapped in {@code %} to match anywhere.
 */
final class SearchWords {
    /** More words than this is not a search a person types; it would only make the query slow. */
    static final int MAX_WORDS = 16;
    static final int MAX_QUERY_CHARS = 500;

    private SearchWords() {
    }

    /**
     * @throws IllegalArgumentException when the query is blank, longer than {@value #MAX_QUERY_CHARS} characters
     *                                  or has more than {@value #MAX_WORDS} words
     */
    static List<String> patterns(String query) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("the search has no words");
        }
        if (query.length() > MAX_QUERY_CHARS) {
            throw new IllegalArgumentException("the search is longer than " + MAX_QUERY_CHARS + " characters");
        }
        List<String> words = Arrays.stream(query.strip().split("\\s+")).map(SearchWords::fold).distinct().toList();
        if (words.size() > MAX_WORDS) {
            throw new IllegalArgumentException("the search has more than " + MAX_WORDS + " words");
        }
        return words.stream().map(w -> "%" + escape(w) + "%").toList();
    }

    /** The case folding searches use on both sides (the SQLite function {@code lanchat_fold} calls this). */
    static String fold(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    static String escape(String word) {
        StringBuilder out = new StringBuilder(word.length() + 8);
        for (int i = 0; i < word.length(); i++) {
            char ch = word.charAt(i);
            if (ch == '\\' || ch == '%' || ch == '_') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }
}
