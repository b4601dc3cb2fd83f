package io.lanchat.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short version of every reliability scenario against the real server, started in its own process from this
 * module's test classpath. Checks correctness only (final frames, retries, exact text, the server staying up and
 * serving others, nothing left open); the bounds are generous deadlines, never performance assertions. The full
 * runs and their figures are in RELIABILITY.md.
 */
class ReliabilitySmokeTest {
    @TempDir
    Path dir;

    private List<Checks.Check> run(String scenario, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--scenario", scenario,
                "--server-cp", System.getProperty("java.class.path"),
                "--server-jvm", "-Xmx256m -XX:TieredStopAtLevel=1",
                "--log-dir", dir.toString()));
        args.addAll(Arrays.asList(flags));
        Checks checks = ReliabilityMain.run(Options.parse(args.toArray(String[]::new))).get(0);
        assertThat(checks.all()).isNotEmpty();
        return checks.failed();
    }

    @Test
    void soakWithOllamaKilledLosesNothing() throws Exception {
        assertThat(run("soak", "--users", "12", "--duration", "15s", "--kill-every", "6s", "--kill-down", "2s",
                "--think-min", "500ms", "--think-max", "1500ms", "--drop-chance", "0.25", "--sample-every", "1s",
                "--warmup", "3s", "--message-deadline", "60s", "--quiet", "3s")).isEmpty();
    }

    @Test
    void fuzzLeavesTheServerUpServingAndQuiet() throws Exception {
        assertThat(run("fuzz", "--frames", "3000", "--connections", "3", "--serve-within", "20s",
                "--max-log-bytes", "65536")).isEmpty();
    }

    @Test
    void aSlowReaderDoesNotHoldTheOnlySlot() throws Exception {
        assertThat(run("slow-reader", "--hold", "0s", "--serve-within", "10s")).isEmpty();
    }

    @Test
    void aClientThatStopsReadingDoesNotHoldTheOnlySlot() throws Exception {
        assertThat(run("no-reader", "--hold", "0s", "--serve-within", "10s")).isEmpty();
    }

    @Test
    void silentSocketsDoNotLockOutARealUser() throws Exception {
        assertThat(run("silent-socket", "--silent", "100", "--max-connections", "50", "--serve-within", "15s"))
                .isEmpty();
    }

    @Test
    void repliesAreAFunctionOfTheMessage() {
        String request = ReplyText.request("k", 5, 6);
        assertThat(ReplyText.tokens(request)).hasSize(5).allMatch(t -> t.length() >= 6);
        assertThat(ReplyText.text(request)).isEqualTo(ReplyText.text(request)).startsWith(" 0:");
        assertThat(ReplyText.text(ReplyText.request("j", 5, 6))).isNotEqualTo(ReplyText.text(request));
        assertThat(ReplyText.tokens("hello")).containsExactly("ok");
    }

    @Test
    void framesAreEncodedAsRfc6455Says() {
        byte[] frame = RawWebSocket.frame(RawWebSocket.TEXT, true, 0, false, new byte[] {'h', 'i'}, -1);
        assertThat(frame).containsExactly(0x81, 2, 'h', 'i');
        byte[] big = RawWebSocket.frame(RawWebSocket.BINARY, false, 0, false, new byte[0], 70_000);
        assertThat(big).containsExactly(0x02, 127, 0, 0, 0, 0, 0, 1, 0x11, 0x70);
        byte[] masked = RawWebSocket.frame(RawWebSocket.TEXT, true, 0, true, new byte[] {'h'}, -1);
        assertThat(masked[1] & 0xFF).isEqualTo(0x81);
        assertThat((byte) (masked[6] ^ masked[2])).isEqualTo((byte) 'h');
    }

    @Test
    void refusesTargetsOffLoopback() throws Exception {
        assertThatThrownBy(() -> Loopback.require(InetAddress.getByName("192.0.2.1")))
                .isInstanceOf(IllegalArgumentException.class);
        Loopback.require(InetAddress.getByName("127.0.0.1"));
        assertThat(Loopback.source(3, 7).getHostAddress()).isEqualTo("127.0.3.8");
    }
}
