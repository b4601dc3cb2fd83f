package io.lanchat.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The usage table stays bounded however many users and models come, and its totals stay right. */
final class UsageLedgerTest {

    @Test
    void addsUpOneUsersRequestsByModelAndDoor() {
        UsageLedger ledger = new UsageLedger(10);

        ledger.granted("api", "ada", "llama3:8b", 2_000_000_000L);
        ledger.finished("api", "ada", "llama3:8b", 3_000_000_000L, 12, 30);
        ledger.granted("api", "ada", "llama3:8b", 0);
        ledger.finished("api", "ada", "llama3:8b", 1_000_000_000L, 8, 10);
        ledger.granted("page", "ada", "llama3:8b", 0);

        assertThat(ledger.rows()).containsExactly(
                new UsageRow("ada", "llama3:8b", "api", 2, 20, 40, 2.0, 4.0),
                new UsageRow("ada", "llama3:8b", "page", 1, 0, 0, 0.0, 0.0));
    }

    @Test
    void pastTheCapNewRowsAreAddedUpAsOther() {
        UsageLedger ledger = new UsageLedger(2);

        for (int user = 0; user < 50; user++) {
            ledger.granted("api", "10.0.0." + user, "m", 1);
            ledger.finished("api", "10.0.0." + user, "m", 1, 1, 2);
        }

        List<UsageRow> rows = ledger.rows();
        assertThat(rows).hasSize(3);
        assertThat(rows).filteredOn(r -> r.user().equals(UsageLedger.OTHER)).singleElement()
                .satisfies(other -> assertThat(other.requests()).isEqualTo(48));
        assertThat(rows.stream().mapToLong(UsageRow::generatedTokens).sum()).isEqualTo(100);
    }

    @Test
    void longNamesAreCut() {
        UsageLedger ledger = new UsageLedger(10);

        ledger.granted("api", "u".repeat(10_000), "m".repeat(10_000), 1);

        UsageRow row = ledger.rows().get(0);
        assertThat(row.user()).hasSize(UsageLedger.MAX_NAME_CHARS);
        assertThat(row.model()).hasSize(UsageLedger.MAX_NAME_CHARS);
    }
}
