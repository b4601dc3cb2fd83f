package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.ModelsChanged;
import io.lanchat.protocol.PullProgress;
import io.lanchat.protocol.PullRequest;
import io.lanchat.protocol.ServerMessage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Model management: pulling with progress, for administrators only. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class PullTest {
    private static final String ADMIN = "admin-token-0123456789";
    private static final String USER = "user-token-0123456789";

    @Test
    void pullIsForbiddenByDefault() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(); TestClient client = fixture.connect()) {
            client.send(new PullRequest("p1", "phi3:mini"));

            ErrorMessage error = client.next(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(error.id()).isEqualTo("p1");
        }
    }

    @Test
    void adminPullRelaysProgressThenEveryoneHearsTheNewModel() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--access-tokens", "ada:" + ADMIN + ":admin,bob:" + USER);
             TestClient admin = TestClient.connect(fixture.port(), ADMIN);
             TestClient user = TestClient.connect(fixture.port(), USER)) {
            user.send(new PullRequest("u1", "phi3:mini"));
            assertThat(user.next(ErrorMessage.class).code()).isEqualTo(ErrorCode.FORBIDDEN);

            admin.send(new PullRequest("p1", "phi3:mini"));

            List<ServerMessage> frames = admin.until(ModelsChanged.class);
            List<PullProgress> progress = frames.stream().filter(PullProgress.class::isInstance)
                    .map(PullProgress.class::cast).toList();
            assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p.id()).isEqualTo("p1"));
            assertThat(progress.get(0).status()).isEqualTo("pulling manifest");
            assertThat(progress).anySatisfy(p -> assertThat(p.total()).isPositive());
            assertThat(progress.get(progress.size() - 1).status()).isEqualTo("success");
            assertThat(user.awaitFrame(ModelsChanged.class).models()).extracting(ModelInfo::name).contains("phi3:mini");
        }
    }

    @Test
    void pullOfAnUnknownModelFailsWithOllamasReason() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--allow-pull", "true"); TestClient client = fixture.connect()) {
            client.send(new PullRequest("p1", "nonexistent-model"));

            ErrorMessage error = client.awaitFrame(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.PULL_FAILED);
            assertThat(error.message()).contains("file does not exist");
        }
    }
}
