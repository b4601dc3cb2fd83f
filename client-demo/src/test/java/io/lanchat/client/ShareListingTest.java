package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ShareInfo;
import org.junit.jupiter.api.Test;

/** How /shares tells read-only links from room invites, and an invite's rule and expiry. */
final class ShareListingTest {
    private static final String SINCE = "2025-03-14T09:20:05Z";

    @Test
    void tellsLinksFromRoomInvitesWithTheirRuleAndExpiry() {
        assertThat(ShareCommands.describe(new ShareInfo("a1", "c", true, SINCE)))
                .startsWith("live link ").endsWith(" since " + SINCE);
        assertThat(ShareCommands.describe(new ShareInfo("a2", "c", false, SINCE))).startsWith("snapshot link ");
        assertThat(ShareCommands.describe(new ShareInfo("a3", "c", true, SINCE, "room", null, "every")))
                .startsWith("room invite ").doesNotContain("@model").doesNotContain("until");
        assertThat(ShareCommands.describe(new ShareInfo("a4", "c", true, SINCE, "room", "2025-03-15T09:20:05Z",
                "mentioned")))
                .startsWith("room invite (@model only) ").endsWith(", until 2025-03-15T09:20:05Z");
        assertThat(ShareCommands.describe(new ShareInfo("a5", "c", true, SINCE, null, null, null)))
                .as("a server before rooms").startsWith("live link ");
    }
}
