package io.lanchat.standin;

import java.time.Duration;
import java.util.Arrays;

/**
 * Runs a stand-in Ollama until the process is killed, for demos without Ollama:
 * {@code java -cp ... io.lanchat.standin.StandInMain [--port 11434] [--host 127.0.0.1]
 * [--models tinyllama,qwen2.5:0.5b] [--token-delay-ms 5] [--load-delay-ms 0]}.
 */
public final class StandInMain {

    private StandInMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String host = "127.0.0.1";
        int port = 11434;
        String[] models = null;
        Duration tokenDelay = null;
        Duration loadDelay = null;
        String thinking = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                usage(0);
            }
            if (i + 1 >= args.length) {
                System.err.println("missing value for " + flag);
                usage(2);
            }
            String value = args[++i];
            switch (flag) {
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--models" -> models = Arrays.stream(value.split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toArray(String[]::new);
                case "--token-delay-ms" -> tokenDelay = Duration.ofMillis(Long.parseLong(value));
                case "--load-delay-ms" -> loadDelay = Duration.ofMillis(Long.parseLong(value));
                case "--thinking" -> thinking = value;
                default -> {
                    System.err.println("unknown option " + flag);
                    usage(2);
                }
            }
        }
        StandInOllama standIn = StandInOllama.start(host, port);
        if (models != null) {
            standIn.setModels(models);
        }
        if (tokenDelay != null) {
            standIn.setTokenDelay(tokenDelay);
        }
        if (loadDelay != null) {
            standIn.setLoadDelay(loadDelay);
        }
        if (thinking != null) {
            // NAME=STYLE pairs, e.g. qwen3:0.6b=toggle,gpt-oss:20b=levels,deepseek-r1:1.5b=inline
            for (String pair : thinking.split(",")) {
                int eq = pair.lastIndexOf('=');
                if (eq <= 0) {
                    System.err.println("--thinking takes NAME=STYLE pairs, e.g. qwen3:0.6b=toggle");
                    usage(2);
                }
                standIn.setThinking(pair.substring(0, eq).strip(),
                        Thinking.valueOf(pair.substring(eq + 1).strip().toUpperCase(java.util.Locale.ROOT)));
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::stop, "standin-shutdown"));
        System.out.println("Stand-in Ollama is running at " + standIn.baseUri() + " with models " + standIn.models());
        Thread.currentThread().join(); // the JDK server's dispatcher keeps serving; we just wait to be killed
    }

    private static void usage(int status) {
        System.err.println("usage: StandInMain [--port N] [--host ADDR] [--models a,b] "
                + "[--token-delay-ms N] [--load-delay-ms N] [--thinking NAME=toggle|levels|inline|none,...]");
        System.exit(status);
    }
}
