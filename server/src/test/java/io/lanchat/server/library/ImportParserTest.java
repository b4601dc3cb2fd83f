package io.lanchat.server.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lanchat.server.config.OptionRules;
import io.lanchat.server.store.MessageState;
import io.lanchat.server.store.StoredMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Imports are untrusted input: every problem is one sentence saying what is wrong. */
class ImportParserTest {
    private final ImportParser parser = new ImportParser(OptionRules.parse(List.of()), 100);

    private static String document(String title, String messages) {
        return "{\"format\":\"lanchat-conversation\",\"version\":1" + (title == null ? "" : ",\"title\":" + title)
                + ",\"messages\":[" + messages + "]}";
    }

    @Test
    void anExportComesBackWithItsMessagesNumberedFromZero() {
        ImportParser.Imported imported = parser.parse(document("\"Tides\"",
                "{\"role\":\"user\",\"content\":\"why?\"},{\"role\":\"assistant\",\"content\":\"moon\","
                        + "\"state\":\"cancelled\",\"model\":\"llama3:8b\"}"));
        assertThat(imported.title()).isEqualTo("Tides");
        assertThat(imported.messages()).extracting(StoredMessage::seq).containsExactly(0, 1);
        assertThat(imported.messages().get(1).state()).isEqualTo(MessageState.CANCELLED);
        assertThat(imported.messages().get(1).model()).isEqualTo("llama3:8b");
    }

    @Test
    void aRepliesReasoningAndTheThinkingChoiceComeBackAndAUserMessageCarriesNoReasoning() {
        ImportParser.Imported imported = parser.parse("{\"format\":\"lanchat-conversation\",\"version\":1,"
                + "\"settings\":{\"think\":\"low\"},\"messages\":[{\"role\":\"user\",\"content\":\"q\","
                + "\"thinking\":\"not mine\"},{\"role\":\"assistant\",\"content\":\"a\",\"thinking\":\"hm\"}]}");

        assertThat(imported.settings().think()).isEqualTo(io.lanchat.protocol.ThinkMode.LOW);
        assertThat(imported.messages()).extracting(StoredMessage::thinking).containsExactly(null, "hm");
    }

    @Test
    void controlCharactersInATitleBecomeSpacesAndABlankTitleComesFromTheFirstMessage() {
        assertThat(parser.parse(document("\"one\\ntwo\\u0007three\"", "{\"role\":\"user\",\"content\":\"x\"}"))
                .title()).isEqualTo("one two three");
        assertThat(parser.parse(document("\"\\t \"", "{\"role\":\"user\",\"content\":\"from here\"}")).title())
                .isEqualTo("from here");
    }

    @Test
    void whatIsWrongIsSaid() {
        assertThatThrownBy(() -> parser.parse("not json")).hasMessageStartingWith("The import is not a conversation");
        assertThatThrownBy(() -> parser.parse("{\"format\":\"other\",\"version\":1}"))
                .hasMessageContaining("\"format\" must be");
        assertThatThrownBy(() -> parser.parse("{\"format\":\"lanchat-conversation\",\"version\":2,\"messages\":[]}"))
                .hasMessageContaining("version 1, not 2");
        assertThatThrownBy(() -> parser.parse(document(null, ""))).hasMessage("The import has no messages.");
        assertThatThrownBy(() -> parser.parse(document(null, "{\"role\":\"system\",\"content\":\"x\"}")))
                .hasMessageContaining("message 1 has role system");
        assertThatThrownBy(() -> parser.parse(document(null, "{\"role\":\"user\",\"content\":\"x\",\"state\":\"odd\"}")))
                .hasMessageContaining("state odd");
        assertThatThrownBy(() -> parser.parse(document(null, "{\"role\":\"user\",\"content\":\"" + "x".repeat(101)
                + "\"}"))).hasMessageContaining("limited to 100");
        assertThatThrownBy(() -> parser.parse("{\"format\":\"lanchat-conversation\",\"version\":1,\"settings\":"
                + "{\"options\":{\"num_gpu\":99}},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .hasMessageContaining("num_gpu");
    }

    @Test
    void moreThanTenThousandMessagesAreRefused() {
        String many = String.join(",", java.util.Collections.nCopies(ImportParser.MAX_MESSAGES + 1,
                "{\"role\":\"user\",\"content\":\"m\"}"));
        assertThatThrownBy(() -> parser.parse(document(null, many))).hasMessageContaining("at most 10000");
        String enough = String.join(",", java.util.Collections.nCopies(ImportParser.MAX_MESSAGES,
                "{\"role\":\"user\",\"content\":\"m\"}"));
        assertThat(parser.parse(document(null, enough)).messages()).hasSize(ImportParser.MAX_MESSAGES);
    }
}
