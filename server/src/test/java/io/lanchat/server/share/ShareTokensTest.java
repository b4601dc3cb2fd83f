package io.lanchat.server.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ShareTokensTest {

    @Test
    void makesUrlSafeTokensOf256RandomBits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String token = ShareTokens.newToken();

            assertThat(token).hasSize(ShareTokens.TOKEN_LENGTH).matches("[A-Za-z0-9_-]+");
            assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSize(32);
            assertThat(seen.add(token)).as("never the same token twice").isTrue();
        }
    }

    @Test
    void keepsOnlyTheSha256OfATokenAndNamesTheLinkByItsStart() {
        String token = "Qm7vZ2xR9kLp4tYw1cNf8sHd0aUe3jGb6iXoT5qWzEr";

        String hash = ShareTokens.hash(token);

        assertThat(hash).matches("[0-9a-f]{64}").doesNotContain(token);
        assertThat(ShareTokens.hash(token)).as("the same token finds the same link").isEqualTo(hash);
        assertThat(ShareTokens.hash(token.substring(1) + "A")).isNotEqualTo(hash);
        assertThat(ShareTokens.shareId(hash)).hasSize(16).isEqualTo(hash.substring(0, 16));
    }

    @Test
    void refusesWhatCannotBeOneOfItsTokensBeforeAnyLookup() {
        assertThat(ShareTokens.wellFormed(ShareTokens.newToken())).isTrue();
        assertThat(ShareTokens.wellFormed(null)).isFalse();
        assertThat(ShareTokens.wellFormed("")).isFalse();
        assertThat(ShareTokens.wellFormed("short")).isFalse();
        assertThat(ShareTokens.wellFormed("A".repeat(42) + "=")).isFalse();
        assertThat(ShareTokens.wellFormed("A".repeat(44))).isFalse();
        assertThat(ShareTokens.wellFormed("A".repeat(42) + "/")).isFalse();
    }
}
