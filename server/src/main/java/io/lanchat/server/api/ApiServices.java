package io.lanchat.server.api;

import io.lanchat.server.access.RateLimits;
import io.lanchat.server.backend.BackendPool;
import io.lanchat.server.backend.GenerationScheduler;
import io.lanchat.server.config.AccessSettings;
import io.lanchat.server.config.ApiSettings;
import io.lanchat.server.usage.UsageRecorder;

/**
 * What the API shares with the chat page: the backends, the one queue, the per-client rate limits.
 *
 * @param settings  the API's own settings (port, longest queue wait, body limit)
 * @param access    the access tokens (the page's), and whether clients without tokens may manage models
 * @param usage     where each user's use of the API is counted (with the page's)
 */
record ApiServices(BackendPool backends, GenerationScheduler scheduler, RateLimits rateLimits, ApiSettings settings,
                   AccessSettings access, UsageRecorder usage) {
}
