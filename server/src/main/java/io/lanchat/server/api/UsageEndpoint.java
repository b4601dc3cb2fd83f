package io.lanchat.server.api;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanchat.server.usage.UsageLedger;
import io.lanchat.server.usage.UsageRow;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.NetUtil;
import java.net.InetAddress;

/**
 * {@code GET /api/usage}: each user's use of the GPUs by model and door since the server started (requests,
 * prompt and generated tokens, queue wait, generation time), never what they asked. On the API port, because it
 * already checks Bearer tokens: with tokens it needs an admin token; without, it answers only clients on this
 * machine (their address as found through {@code --trusted-proxies}), since addresses are personal data.
 */
final class UsageEndpoint {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final UsageLedger ledger;
    private final boolean tokens;

    UsageEndpoint(UsageLedger ledger, boolean tokens) {
        this.ledger = ledger;
        this.tokens = tokens;
    }

    void answer(ApiCall call) {
        if (!allowed(call)) {
            ApiReplies.error(call.ctx(), call.keepAlive(), HttpResponseStatus.FORBIDDEN, "forbidden: usage is shown"
                    + (tokens ? " to admin tokens only" : " only on the server's own machine without access tokens"));
        } else {
            ApiReplies.json(call.ctx(), call.keepAlive(), HttpResponseStatus.OK, body());
        }
        call.finished().run();
    }

    private boolean allowed(ApiCall call) {
        if (tokens) {
            return call.identity().admin();
        }
        String key = call.identity().key();
        InetAddress address = key.startsWith("ip:") ? NetUtil.createInetAddressFromIpAddressString(key.substring(3))
                : null;
        return address != null && address.isLoopbackAddress();
    }

    private byte[] body() {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode rows = root.putArray("usage");
        for (UsageRow row : ledger.rows()) {
            rows.addObject().put("user", row.user()).put("model", row.model()).put("door", row.door())
                    .put("requests", row.requests()).put("prompt_tokens", row.promptTokens())
                    .put("generated_tokens", row.generatedTokens())
                    .put("queue_wait_seconds", row.queueWaitSeconds())
                    .put("generation_seconds", row.generationSeconds());
        }
        root.put("max_rows", UsageLedger.MAX_ROWS);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }
}
