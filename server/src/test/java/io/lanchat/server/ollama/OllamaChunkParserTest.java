package io.lanchat.server.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reply lines as Ollama writes them (docs/api.md), and lines no Ollama should write. */
final class OllamaChunkParserTest {

    @Test
    void aTokenLine() throws IOException {
        OllamaChunk chunk = parse("{\"model\":\"llama3.2\",\"created_at\":\"2023-08-04T08:52:19.385406455-07:00\","
                + "\"message\":{\"role\":\"assistant\",\"content\":\"The\",\"images\":null},\"done\":false}");

        assertThat(chunk.model()).isEqualTo("llama3.2");
        assertThat(chunk.content()).isEqualTo("The");
        assertThat(chunk.message().role()).isEqualTo("assistant");
        assertThat(chunk.isDone()).isFalse();
        assertThat(chunk.error()).isNull();
    }

    @Test
    void theFinalLineWithItsMetrics() throws IOException {
        OllamaChunk chunk = parse("{\"model\":\"llama3.2\",\"created_at\":\"2023-08-04T19:22:45.499127Z\","
                + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\","
                + "\"total_duration\":4883583458,\"load_duration\":1334875,\"prompt_eval_count\":26,"
                + "\"prompt_eval_duration\":342546000,\"eval_count\":282,\"eval_duration\":4535599000}");

        assertThat(chunk.isDone()).isTrue();
        assertThat(chunk.doneReason()).isEqualTo("stop");
        assertThat(chunk.content()).isEmpty();
        assertThat(chunk.totalDuration()).isEqualTo(4_883_583_458L);
        assertThat(chunk.loadDuration()).isEqualTo(1_334_875L);
        assertThat(chunk.promptEvalCount()).isEqualTo(26);
        assertThat(chunk.promptEvalDuration()).isEqualTo(342_546_000L);
        assertThat(chunk.evalCount()).isEqualTo(282);
        assertThat(chunk.evalDuration()).isEqualTo(4_535_599_000L);
    }

    @Test
    void anErrorLine() throws IOException {
        OllamaChunk chunk = parse("{\"error\":\"an error was encountered while running the model\"}");

        assertThat(chunk.error()).isEqualTo("an error was encountered while running the model");
        assertThat(chunk.content()).isEmpty();
        assertThat(chunk.isDone()).isFalse();
    }

    @Test
    void unknownFieldsOfAnyShapeAreSkippedAndThinkingIsRead() throws IOException {
        OllamaChunk chunk = parse("{\"new_field\":{\"deep\":[1,{\"x\":null}]},\"message\":{\"role\":\"assistant\","
                + "\"content\":\"a \\\"b\\\" \\u00e9 😀\",\"thinking\":\"hm\",\"tool_calls\":[{\"function\":{}}]},"
                + "\"done\":false,\"logprobs\":[0.5]}");

        assertThat(chunk.content()).isEqualTo("a \"b\" é 😀");
        assertThat(chunk.message().thinking()).isEqualTo("hm");
    }

    @Test
    void absentAndNullFieldsStayNull() throws IOException {
        OllamaChunk chunk = parse("{\"message\":null,\"done\":null,\"eval_count\":null}");

        assertThat(chunk.message()).isNull();
        assertThat(chunk.content()).isEmpty();
        assertThat(chunk.done()).isNull();
        assertThat(chunk.evalCount()).isNull();
        assertThat(chunk.totalDuration()).isNull();
    }

    @Test
    void malformedLinesAreRejected() {
        for (String line : new String[] {"[1,2]", "\"text\"", "42", "{\"message\":\"text\"}",
                "{\"done\":{\"x\":1}}", "{\"eval_count\":\"many\"}", "{\"message\":{\"content\":[\"a\"]}}",
                "{\"model\":\"x\"", "not json"}) {
            assertThatThrownBy(() -> parse(line)).as(line).isInstanceOf(IOException.class);
        }
    }

    private static OllamaChunk parse(String line) throws IOException {
        return OllamaChunkParser.parse(line.getBytes(StandardCharsets.UTF_8));
    }
}
