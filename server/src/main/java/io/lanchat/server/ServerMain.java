package io.lanchat.server;

import io.lanchat.server.config.ConfigException;
import io.lanchat.server.config.ConfigLoader;
import io.lanchat.server.config.ServerConfig;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: reads flags and environment, starts the server, and stops it cleanly on SIGTERM or Ctrl-C. */
public final class ServerMain {
    /** Netty's switch for its JDK Flight Recorder events (buffer allocations). */
    private static final String NETTY_JFR = "io.netty.jfr.enabled";

    static {
        // Before any Netty class reads it. With the events on, Netty generates their JFR handler classes at the
        // first buffer allocation: 0.10-0.15 s of the first request after start-up, measured. Whoever profiles
        // Netty's allocations turns them back on with -Dio.netty.jfr.enabled=true.
        if (System.getProperty(NETTY_JFR) == null) {
            System.setProperty(NETTY_JFR, "false");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ServerMain.class);

    private ServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        HeapExhaustionGuard.install();
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(ConfigLoader.help());
            return;
        }
        ServerConfig config;
        try {
            config = ConfigLoader.load(args, System::getenv);
        } catch (ConfigException e) {
            System.err.println("lanchat: " + e.getMessage());
            System.exit(2);
            return;
        }
        long start = System.nanoTime();
        ChatServer server;
        try {
            server = ChatServer.start(config);
        } catch (ConfigException e) {
            System.err.println("lanchat: " + e.getMessage());
            System.exit(2);
            return;
        } catch (io.lanchat.server.store.StoreException e) {
            System.err.println("lanchat: cannot open the conversation store (--database " + config.store().database()
                    .replaceAll("password=[^&]*", "password=***") + "): " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("lanchat: cannot listen on " + config.network().bindAddress() + ":" + config.network().port() + ": "
                    + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        log.info("LAN Chat listening on http://{}:{}/ (WebSocket /ws) in {} ms ({} transport); Ollama at {}, default"
                        + " model {}", config.network().bindAddress(), server.port(), (System.nanoTime() - start) / 1_000_000,
                server.transport(), config.ollama().uris(), config.chat().defaultModel());
    }
}
