package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ClientOptionsTest {

    @Test
    void defaultsWithoutFlagsOrEnvironment() throws UsageException {
        ClientOptions options = ClientOptions.parse(new String[0], Map.of());

        assertThat(options).isEqualTo(
                new ClientOptions(URI.create("ws://localhost:8080/ws"), null, null, 3, false, false));
        assertThat(options.ownerKeyFile()).isEqualTo(
                java.nio.file.Path.of(System.getProperty("user.home"), ".lanchat", "owner-key"));
    }

    @Test
    void ownerKeyTokenAndConversationOptionsAndTheirVariables() throws UsageException {
        ClientOptions fromEnv = ClientOptions.parse(new String[0], Map.of("LANCHAT_OWNER_KEY_FILE", "/tmp/k",
                "LANCHAT_OWNER_KEY", "abc-_1", "LANCHAT_ACCESS_TOKEN", "t0ken-1234567890"));
        ClientOptions flags = ClientOptions.parse(new String[] {"--owner-key-file", "/x/key", "--owner-key=K_2",
                "--conversation", "conv-7"}, Map.of("LANCHAT_OWNER_KEY", "from-env"));

        assertThat(fromEnv).extracting(ClientOptions::ownerKeyFile, ClientOptions::ownerKey,
                ClientOptions::accessToken).containsExactly(java.nio.file.Path.of("/tmp/k"), "abc-_1",
                "t0ken-1234567890");
        assertThat(flags).extracting(ClientOptions::ownerKeyFile, ClientOptions::ownerKey,
                ClientOptions::conversation).containsExactly(java.nio.file.Path.of("/x/key"), "K_2", "conv-7");
        assertThatThrownBy(() -> ClientOptions.parse(new String[] {"--owner-key", "has space"}, Map.of()))
                .hasMessageContaining("--owner-key must be");
    }

    @Test
    void flagWinsOverEnvironmentAndBothSpellingsWork() throws UsageException {
        Map<String, String> env = Map.of("LANCHAT_URL", "ws://from-env:1/ws");

        assertThat(ClientOptions.parse(new String[0], env).url()).isEqualTo(URI.create("ws://from-env:1/ws"));
        assertThat(ClientOptions.parse(new String[] {"--url", "ws://flag:2/ws"}, env).url())
                .isEqualTo(URI.create("ws://flag:2/ws"));
        assertThat(ClientOptions.parse(new String[] {"--url=ws://flag:3/ws", "--model=qwen2.5:0.5b"}, env))
                .extracting(ClientOptions::url, ClientOptions::model)
                .containsExactly(URI.create("ws://flag:3/ws"), "qwen2.5:0.5b");
        assertThat(ClientOptions.parse(new String[] {"--verbose"}, env).verbose()).isTrue();
        assertThat(ClientOptions.parse(new String[] {"-v"}, env).verbose()).isTrue();
    }

    @Test
    void httpUrlsAndAMissingPathMeanTheServersWebSocketEndpoint() throws UsageException {
        assertThat(ClientOptions.parseUrl("http://chat.lan:8080")).isEqualTo(URI.create("ws://chat.lan:8080/ws"));
        assertThat(ClientOptions.parseUrl("https://chat.lan/")).isEqualTo(URI.create("wss://chat.lan/ws"));
        assertThat(ClientOptions.parseUrl("WS://chat.lan:9/other")).isEqualTo(URI.create("ws://chat.lan:9/other"));
    }

    @Test
    void rejectsUrlsWithoutHostOrWithOtherSchemes() {
        assertThatThrownBy(() -> ClientOptions.parseUrl("ws:///ws")).hasMessageContaining("no host");
        assertThatThrownBy(() -> ClientOptions.parseUrl("localhost:8080")).hasMessageContaining("ws://HOST:PORT/ws");
        assertThatThrownBy(() -> ClientOptions.parseUrl("ws://bad host/ws")).hasMessageContaining("not a URL");
    }

    @Test
    void backoffDoublesUpToItsCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(1), 5);

        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(60)).isEqualTo(Duration.ofSeconds(1));
    }
}
