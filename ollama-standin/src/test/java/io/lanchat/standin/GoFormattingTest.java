package io.lanchat.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class GoFormattingTest {

    @Test
    void timestampsTrimTrailingZerosLikeRfc3339Nano() {
        Instant t = Instant.parse("2026-03-01T10:15:30.123450000Z");

        assertThat(GoTime.format(t, ZoneOffset.UTC)).isEqualTo("2026-03-01T10:15:30.12345Z");
        assertThat(GoTime.format(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC)).isEqualTo("2026-03-01T10:15:30Z");
        assertThat(GoTime.format(t, ZoneId.of("+01:00"))).isEqualTo("2026-03-01T11:15:30.12345+01:00");
    }

    @Test
    void createdAtNeverDecreasesAndCoversManyPrecisions() {
        Clock frozen = Clock.fixed(Instant.parse("2026-03-01T10:15:30.123456789Z"), ZoneOffset.UTC);
        GoTime time = new GoTime(frozen);
        List<OffsetDateTime> values = new ArrayList<>();
        java.util.Set<Integer> digits = new java.util.HashSet<>();
        for (int i = 0; i < 30; i++) {
            String text = time.nextCreatedAt();
            values.add(OffsetDateTime.parse(text));
            digits.add(text.contains(".") ? text.length() - text.indexOf('.') - 2 : 0);
        }

        assertThat(values).isSorted();
        assertThat(digits).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void defaultReplyPiecesConcatenateToTheExactText() {
        ChatCall call = new ChatCall("m", List.of(new Message("user", "a  b\tc ")), true, java.util.Map.of(), "");

        List<String> tokens = DefaultReply.tokens(call, false);

        assertThat(String.join("", tokens)).isEqualTo("You said: a  b\tc  (turn 1)");
        assertThat(tokens).startsWith("You", " said:", " a", "  b", "\tc");
    }

    @Test
    void goEscapesHtmlAndControlCharactersInLowerCaseHex() {
        byte[] json = GoJson.bytes(GoJson.object().put("s", "<a&b>\u0001\b\n\u2029é"));

        assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"s\":\"\\u003ca\\u0026b\\u003e\\u0001\\b\\n\\u2029é\"}");
    }
}
