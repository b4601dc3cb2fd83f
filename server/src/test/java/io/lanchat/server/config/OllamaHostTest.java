package io.lanchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class OllamaHostTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''|http://127.0.0.1:11434",
            "1.2.3.4|http://1.2.3.4:11434",
            ":56789|http://127.0.0.1:56789",
            "http://h|http://h:80",
            "https://h|https://h:443",
            "h:1/path/|http://h:1/path",
            "example.com:8080|http://example.com:8080",
            "'\"http://gpu-box:11434\"'|http://gpu-box:11434",
            "  0.0.0.0:11434  |http://0.0.0.0:11434",
            "::1|http://[::1]:11434",
            "[::1]:8000|http://[::1]:8000",
            "https://example.com/ollama|https://example.com:443/ollama"})
    void parsesLikeOllamasOwnClients(String raw, String expected) {
        assertThat(OllamaHost.parse(raw).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://h", "h:99999", "h:port", "[::1"})
    void rejectsWhatCannotBeAnAddress(String raw) {
        assertThatThrownBy(() -> OllamaHost.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OLLAMA_HOST");
    }
}
