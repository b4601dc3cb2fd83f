package io.lanchat.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lanchat.server.backend.Backend;
import io.lanchat.server.backend.BackendPool;
import io.lanchat.server.ollama.Relay;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests relayed to one backend without queueing: {@code show} and {@code version}, which use no GPU, and model
 * management (pull, push, create, copy, delete) for administrators. {@code show} goes to a backend that has the
 * model; the others to the first backend that is up (with several backends, manage each one's models there).
 */
final class DirectRelays {
    private static final Logger log = LoggerFactory.getLogger(DirectRelays.class);
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final BackendPool backends;

    DirectRelays(BackendPool backends) {
        this.backends = backends;
    }

    InFlight query(ApiCall call) {
        String model = call.path().equals("/api/show") ? modelIn(call.body()) : null;
        Optional<Backend> target = backends.backends().stream()
                .filter(b -> b.state().status().available())
                .filter(b -> model == null || b.state().hasModel(model))
                .findFirst();
        return relay(call, target.or(this::firstUp));
    }

    InFlight management(ApiCall call) {
        log.info("API {} by {}", call.path(), call.identity().key());
        return relay(call, firstUp());
    }

    private Optional<Backend> firstUp() {
        return backends.backends().stream().filter(b -> b.state().status().available()).findFirst();
    }

    private InFlight relay(ApiCall call, Optional<Backend> target) {
        ResponseRelay writer = new ResponseRelay(call);
        if (target.isEmpty()) {
            ApiReplies.error(call.ctx(), call.keepAlive(), HttpResponseStatus.BAD_GATEWAY,
                    "no Ollama backend is reachable: " + backends.state().status().reason());
            call.finished().run();
            return writer;
        }
        Relay relay = target.get().client().relay(call.ctx().channel().eventLoop(), call.method(), call.path(),
                call.body(), writer);
        writer.relay(relay);
        return writer;
    }

    /** The model a show request names (or its deprecated {@code name}); null when unreadable: Ollama will say. */
    private static String modelIn(byte[] body) {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null) {
                return null;
            }
            String model = root.path("model").asText("");
            return model.isEmpty() ? root.path("name").asText(null) : model;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
