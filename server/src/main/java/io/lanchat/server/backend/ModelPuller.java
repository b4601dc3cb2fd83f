package io.lanchat.server.backend;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.PullProgress;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.server.ollama.PullListener;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls a model into every Ollama backend that is up, relaying each backend's progress to the requester. When a
 * backend finishes, its monitor probes at once, so the {@code models_changed} broadcast follows.
 */
public final class ModelPuller {
    private static final Logger log = LoggerFactory.getLogger(ModelPuller.class);
    private final BackendPool pool;

    public ModelPuller(BackendPool pool) {
        this.pool = pool;
    }

    /**
     * Starts pulling; frames for the requester go to {@code out}, on {@code loop}.
     *
     * @return false when no backend is up (nothing started)
     */
    public boolean pull(String requestId, String model, EventLoop loop, Consumer<ServerMessage> out) {
        List<Backend> up = pool.backends().stream().filter(b -> b.state().status().available()).toList();
        if (up.isEmpty()) {
            return false;
        }
        for (Backend backend : up) {
            log.info("pulling {} into {}", model, backend.name());
            backend.client().pull(loop, model, new PullListener() {
                @Override
                public void progress(String status, Long completed, Long total) {
                    out.accept(new PullProgress(requestId, model, backend.name(), status, completed, total));
                }

                @Override
                public void succeeded() {
                    log.info("pulled {} into {}", model, backend.name());
                    backend.monitor().probeSoon();
                }

                @Override
                public void failed(String message) {
                    log.info("pulling {} into {} failed: {}", model, backend.name(), message);
                    out.accept(new ErrorMessage(requestId, ErrorCode.PULL_FAILED, message + " (" + backend.name()
                            + ")", false));
                }
            });
        }
        return true;
    }
}
