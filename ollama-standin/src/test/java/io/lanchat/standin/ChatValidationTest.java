package io.lanchat.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ChatValidationTest {

    private final StandInOllama ollama = StandInOllama.start();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void unknownModelIs404WithTheNameExactlyAsSent() throws Exception {
        HttpResponse<String> response = Http.post(ollama, "/api/chat", Http.chat("Llama9", "hi"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.body()).isEqualTo("{\"error\":\"model 'Llama9' not found\"}");
        assertThat(ollama.chatCalls()).singleElement().extracting(ChatCall::model).isEqualTo("Llama9");
    }

    @Test
    void modelsMatchCaseInsensitivelyWithLatestAsTheDefaultTag() throws Exception {
        ollama.setModels("Phi3", "qwen2.5:0.5b");

        assertThat(ollama.models()).containsExactly("Phi3:latest", "qwen2.5:0.5b");
        assertThat(Http.post(ollama, "/api/chat", Http.chat("phi3:LATEST", "hi")).statusCode()).isEqualTo(200);
        assertThat(Http.post(ollama, "/api/chat", Http.chat("registry.ollama.ai/library/phi3", "hi")).statusCode())
                .isEqualTo(200);
        assertThat(Http.post(ollama, "/api/chat", Http.chat("qwen2.5", "hi")).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"messages\":[]}",
        "{\"model\":\"  \",\"messages\":[]}",
        "{\"model\":null}",
        "null"
    })
    void missingOrBlankModelIs400ModelIsRequired(String body) throws Exception {
        HttpResponse<String> response = Http.post(ollama, "/api/chat", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"model is required\"}");
    }

    @Test
    void emptyOrWhitespaceBodyIs400MissingRequestBody() throws Exception {
        for (String body : new String[] {"", "  \n "}) {
            HttpResponse<String> response = Http.post(ollama, "/api/chat", body);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"error\":\"missing request body\"}");
        }
        assertThat(ollama.chatCalls()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not json                          | invalid character 'o' in literal null (expecting 'u')",
        "xyz                               | invalid character 'x' looking for beginning of value",
        "`{\"model\": tiny}`               | invalid character 'i' in literal true (expecting 'r')",
        "`{\"model\":\"tinyllama\"`        | unexpected EOF",
        "`{model:1}`                       | invalid character 'm' looking for beginning of object key string",
        "`{\"a\" 1}`                       | invalid character '1' after object key",
        "`{\"a\":1 \"b\":2}`               | invalid character '\"' after object key:value pair",
        "`[1,2`                            | unexpected EOF",
        "`[]`                              | json: cannot unmarshal array into Go value of type api.ChatRequest",
        "`{\"model\":7}`                   | json: cannot unmarshal number into Go struct field ChatRequest.model of type string",
        "`{\"model\":\"m\",\"messages\":\"hi\"}` | json: cannot unmarshal string into Go struct field ChatRequest.messages of type []api.Message",
        "`{\"model\":\"m\",\"stream\":\"no\"}`   | json: cannot unmarshal string into Go struct field ChatRequest.stream of type bool",
        "`{\"model\":\"m\",\"keep_alive\":\"abc\"}` | time: invalid duration \"abc\"",
        "`{\"model\":\"m\",\"keep_alive\":\"5\"}`   | time: missing unit in duration \"5\""
    })
    void malformedBodiesGetGoDecoderMessages(String body, String message) throws Exception {
        HttpResponse<String> response = Http.post(ollama, "/api/chat", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response.body()).get("error").asText()).isEqualTo(message);
    }

    @Test
    void absurdNestingIsRefusedLikeGosDecoder() throws Exception {
        HttpResponse<String> response = Http.post(ollama, "/api/chat", "[".repeat(10_001));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"exceeded max depth\"}");
    }

    @Test
    void trailingBytesAfterTheFirstJsonValueAreIgnoredLikeGosDecoder() throws Exception {
        HttpResponse<String> response = Http.post(ollama, "/api/chat", Http.chat("tinyllama", "hi") + " trailing");

        assertThat(response.statusCode()).isEqualTo(200);
    }
}
