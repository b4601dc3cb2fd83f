package io.lanchat.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ServerNamesTest {
    private final ServerNames names = new ServerNames(List.of("chat.lan"), List.of("gpu-box"));

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.5", "192.168.1.5:8080", "[::1]:8080", "[fe80::1]", "localhost:8080",
            "LOCALHOST", "app.localhost", "gpu-box:8080", "gpu-box.local", "Chat.Lan:443", "chat.lan."})
    void answersToItsOwnNamesAndAnyIpLiteral(String host) {
        assertThat(names.answersTo(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:8080", "gpu-box.evil.example", "chat.lan.evil.example",
            "localhost.evil.example", "192.168.1.5.nip.io"})
    void refusesOtherNames(String host) {
        assertThat(names.answersTo(host)).isFalse();
    }

    @Test
    void aStarAllowsAnyName() {
        assertThat(new ServerNames(List.of("*"), List.of()).answersTo("evil.example")).isTrue();
    }

    @Test
    void hostOfStripsPortAndBrackets() {
        assertThat(ServerNames.hostOf("[::1]:8080")).isEqualTo("::1");
        assertThat(ServerNames.hostOf("Chat.Lan:80")).isEqualTo("chat.lan");
        assertThat(ServerNames.hostOf("::1")).isEqualTo("::1");
    }
}
