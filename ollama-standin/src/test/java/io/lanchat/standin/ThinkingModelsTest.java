package io.lanchat.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Thinking models as Ollama's docs/capabilities/thinking.mdx and docs/api.md describe them: the reasoning streams
 * in {@code message.thinking} chunks (with {@code content} "") before the answer's {@code message.content} ones;
 * {@code think} unset means the model's default (on); {@code false} turns it off where the model permits;
 * {@code /api/show} lists the {@code thinking} capability and a top-level {@code thinking} object
 * ({@code values}, {@code default}); gpt-oss takes levels ({@code medium} by default); a model without the
 * capability answers 400 {@code "NAME" does not support thinking} to {@code think:true} or a level; and
 * {@code think} that is neither bool nor a level name is refused with api.ThinkValue's texts.
 */
final class ThinkingModelsTest {

    private final StandInOllama ollama = StandInOllama.start();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void aThinkingModelStreamsItsReasoningBeforeTheAnswerByDefault() throws Exception {
        ollama.setThinking("qwen3:0.6b", Thinking.TOGGLE);

        List<JsonNode> lines = lines(Http.post(ollama, "/api/chat", Http.chat("qwen3:0.6b", "hi")));

        assertThat(thinking(lines)).isEqualTo("Thinking about: hi");
        assertThat(content(lines)).isEqualTo("You said: hi (turn 1)");
        int lastThinking = lastIndexWith(lines, "thinking");
        int firstContent = firstNonEmptyContent(lines);
        assertThat(lastThinking).isLessThan(firstContent);
        JsonNode firstMessage = lines.get(0).get("message");
        assertThat(names(firstMessage)).containsExactly("role", "content", "thinking");
        assertThat(firstMessage.get("content").asText()).isEmpty();
    }

    @Test
    void thinkFalseTurnsAToggleModelsReasoningOff() throws Exception {
        ollama.setThinking("qwen3:0.6b", Thinking.TOGGLE);

        List<JsonNode> lines = lines(Http.post(ollama, "/api/chat", withThink(Http.chat("qwen3:0.6b", "hi"), "false")));

        assertThat(lines).noneMatch(l -> l.get("message").has("thinking"));
        assertThat(content(lines)).isEqualTo("You said: hi (turn 1)");
        assertThat(ollama.chatCalls().get(0).think()).isEqualTo(false);
    }

    @Test
    void showDescribesTheThinkingControlsOfEachKindOfModel() throws Exception {
        ollama.setThinking("qwen3:0.6b", Thinking.TOGGLE);
        ollama.setThinking("gpt-oss:20b", Thinking.LEVELS);
        ollama.setThinking("deepseek-r1:1.5b", Thinking.INLINE);

        JsonNode qwen = show("qwen3:0.6b");
        JsonNode gpt = show("gpt-oss:20b");
        JsonNode deepseek = show("deepseek-r1:1.5b");

        assertThat(qwen.get("capabilities").toString()).contains("\"thinking\"");
        assertThat(qwen.get("thinking").toString()).isEqualTo("{\"values\":[true,false],\"default\":true}");
        assertThat(gpt.get("thinking").toString())
                .isEqualTo("{\"values\":[\"low\",\"medium\",\"high\"],\"default\":\"medium\"}");
        assertThat(deepseek.get("capabilities").toString()).doesNotContain("thinking");
        assertThat(deepseek.has("thinking")).isFalse();
        assertThat(show("tinyllama").has("thinking")).isFalse();
    }

    @Test
    void aLevelsModelThinksAtTheLevelAskedAndAtMediumByDefault() throws Exception {
        ollama.setThinking("gpt-oss:20b", Thinking.LEVELS);

        String byDefault = thinking(lines(Http.post(ollama, "/api/chat", Http.chat("gpt-oss:20b", "q"))));
        String low = thinking(lines(Http.post(ollama, "/api/chat", withThink(Http.chat("gpt-oss:20b", "q"), "\"low\""))));
        String max = thinking(lines(Http.post(ollama, "/api/chat", withThink(Http.chat("gpt-oss:20b", "q"), "\"max\""))));
        String off = thinking(lines(Http.post(ollama, "/api/chat", withThink(Http.chat("gpt-oss:20b", "q"), "false"))));

        assertThat(byDefault).isEqualTo("Thinking about: q (medium effort)");
        assertThat(low).isEqualTo("Thinking about: q (low effort)");
        assertThat(max).isEqualTo("Thinking about: q (high effort)");
        assertThat(off).as("gpt-oss cannot turn its trace off").isEqualTo("Thinking about: q (low effort)");
    }

    @Test
    void anInlineModelWritesItsReasoningBetweenThinkTagsInTheContent() throws Exception {
        ollama.setThinking("deepseek-r1:1.5b", Thinking.INLINE);

        List<JsonNode> lines = lines(Http.post(ollama, "/api/chat", Http.chat("deepseek-r1:1.5b", "hi")));

        assertThat(lines).noneMatch(l -> l.get("message").has("thinking"));
        assertThat(content(lines)).isEqualTo("<think>Thinking about: hi</think>\n\nYou said: hi (turn 1)");
    }

    @Test
    void aModelWithoutTheCapabilityRefusesThinkTrueOrALevelButAcceptsFalse() throws Exception {
        ollama.setThinking("deepseek-r1:1.5b", Thinking.INLINE);

        HttpResponse<String> on = Http.post(ollama, "/api/chat", withThink(Http.chat("tinyllama", "hi"), "true"));
        HttpResponse<String> level = Http.post(ollama, "/api/chat",
                withThink(Http.chat("deepseek-r1:1.5b", "hi"), "\"high\""));
        HttpResponse<String> off = Http.post(ollama, "/api/chat", withThink(Http.chat("tinyllama", "hi"), "false"));

        assertThat(on.statusCode()).isEqualTo(400);
        assertThat(on.body()).isEqualTo("{\"error\":\"\\\"tinyllama\\\" does not support thinking\"}");
        assertThat(level.statusCode()).isEqualTo(400);
        assertThat(Http.json(level.body()).get("error").asText()).isEqualTo("\"deepseek-r1:1.5b\" does not support thinking");
        assertThat(off.statusCode()).isEqualTo(200);
    }

    @Test
    void thinkMustBeABoolOrALevelName() throws Exception {
        HttpResponse<String> number = Http.post(ollama, "/api/chat", withThink(Http.chat("tinyllama", "hi"), "2"));
        HttpResponse<String> word = Http.post(ollama, "/api/chat", withThink(Http.chat("tinyllama", "hi"), "\"lots\""));

        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(Http.json(number.body()).get("error").asText())
                .isEqualTo("think must be a boolean or string (\"high\", \"medium\", \"low\", true, or false)");
        assertThat(Http.json(word.body()).get("error").asText())
                .isEqualTo("invalid think value: \"lots\" (must be \"high\", \"medium\", \"low\", true, or false)");
    }

    @Test
    void aSingleObjectReplyCarriesTheWholeReasoning() throws Exception {
        ollama.setThinking("qwen3:0.6b", Thinking.TOGGLE);
        String body = Http.chat("qwen3:0.6b", "hi").replaceFirst("}$", ",\"stream\":false}");

        JsonNode reply = Http.json(Http.post(ollama, "/api/chat", body).body());

        assertThat(reply.at("/message/thinking").asText()).isEqualTo("Thinking about: hi");
        assertThat(reply.at("/message/content").asText()).isEqualTo("You said: hi (turn 1)");
    }

    @Test
    void recordsTheReasoningAClientSendsBackInItsHistory() throws Exception {
        String body = "{\"model\":\"tinyllama\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},"
                + "{\"role\":\"assistant\",\"content\":\"b\",\"thinking\":\"hmm\"},{\"role\":\"user\",\"content\":\"c\"}]}";

        Http.post(ollama, "/api/chat", body);

        assertThat(ollama.chatCalls().get(0).messages().get(1)).isEqualTo(new Message("assistant", "b", "hmm"));
        assertThat(ollama.chatCalls().get(0).messages().get(0).thinking()).isEmpty();
    }

    private JsonNode show(String model) throws Exception {
        return Http.json(Http.post(ollama, "/api/show", "{\"model\":\"" + model + "\"}").body());
    }

    private static String withThink(String chatBody, String think) {
        return chatBody.replaceFirst("}$", ",\"think\":" + think + "}");
    }

    private static List<JsonNode> lines(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            lines.add(Http.json(line));
        }
        return lines;
    }

    private static String thinking(List<JsonNode> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l.get("message").path("thinking").asText("")));
        return text.toString();
    }

    private static String content(List<JsonNode> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l.get("message").get("content").asText()));
        return text.toString();
    }

    private static int lastIndexWith(List<JsonNode> lines, String field) {
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).get("message").has(field)) {
                last = i;
            }
        }
        return last;
    }

    private static int firstNonEmptyContent(List<JsonNode> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).get("message").get("content").asText().isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
