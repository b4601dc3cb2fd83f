package io.lanchat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Cursors and search words, the two things a client hands the store. */
final class StoreArgumentsTest {

    @Test
    void aCursorRoundTripsAndIdsMayHoldColons() {
        PageCursor cursor = new PageCursor(1_735_725_600_000L, "id:with:colons");

        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain("=", "+", "/");
        assertThat(PageCursor.decode(null)).isNull();
    }

    @Test
    void aCursorThisStoreDidNotMakeIsAnIllegalArgument() {
        for (String bad : new String[] {"***", b64("12345"), b64(":id"), b64("12:"), b64("x1:id"), "A".repeat(2_000)}) {
            assertThatThrownBy(() -> PageCursor.decode(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("malformed cursor");
        }
    }

    @Test
    void searchWordsBecomeEscapedFoldedPatterns() {
        assertThat(SearchWords.patterns("  Hello   100%  a_b c:\\d hello ")).containsExactly(
                "%hello%", "%100\\%%", "%a\\_b%", "%c:\\\\d%");
    }

    @Test
    void blankLongOrWordyQueriesAreRefused() {
        assertThatThrownBy(() -> SearchWords.patterns(" \t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchWords.patterns("x".repeat(501))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchWords.patterns("a b c d e f g h i j k l m n o p q"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 words");
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes());
    }
}
