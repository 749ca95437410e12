package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class HistoryCheckTest {

    private static final Instant APPLIED_AT = Instant.parse("2025-01-02T03:04:05Z");

    private static MigrationEntry entry(String version, String name, MigrationState state) {
        return new MigrationEntry(version, name, "V" + version + "__" + name + ".sql", state,
                state == MigrationState.PENDING ? null : "111", "111", APPLIED_AT);
    }

    private static MigrationStatus status(MigrationEntry... entries) {
        return new MigrationStatus(EngineKind.FLYWAY, List.of(entries));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(MigrationStatus status, ErrorCode code) {
        return assertThatThrownBy(() -> HistoryCheck.verify(status, false))
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void letsAppliedAndPendingMigrationsThrough() {
        MigrationStatus ok = status(entry("1", "a", MigrationState.APPLIED), entry("2", "b", MigrationState.PENDING));

        assertThatCode(() -> HistoryCheck.verify(ok, false)).doesNotThrowAnyException();
    }

    @Test
    void refusesAChangesetSlipwayRecordedAsFailedSayingWhatCommittedAndHowToRepairIt() {
        MigrationEntry failed = new MigrationEntry("changelog.sql::2::dev", "it committed part of its work (COMMIT at "
                + "changelog.sql:8) before a later statement failed; its row in databasechangelog: id = '2' AND author"
                + " = 'dev' AND filename = 'changelog.sql'", "changelog.sql", MigrationState.FAILED, "9:1", "9:1",
                APPLIED_AT);

        refused(new MigrationStatus(EngineKind.LIQUIBASE, List.of(failed)), ErrorCode.FAILED_MIGRATION_IN_HISTORY)
                .hasMessageContaining("changelog.sql::2::dev: it committed part of its work (COMMIT at changelog.sql:8)")
                .hasMessageContaining("undo by hand what it committed and delete its row")
                .hasMessageContaining("UPDATE databasechangelog SET exectype = 'EXECUTED', md5sum = NULL");
    }

    @Test
    void refusesEditedAppliedMigrationWithBothChecksums() {
        MigrationEntry edited = new MigrationEntry("1", "a", "V1__a.sql", MigrationState.CHECKSUM_DRIFT, "-12345",
                "67890", APPLIED_AT);

        refused(status(edited, entry("2", "b", MigrationState.PENDING)), ErrorCode.CHECKSUM_DRIFT)
                .hasMessageContaining("V1__a.sql").hasMessageContaining("stored checksum -12345")
                .hasMessageContaining("current checksum 67890").hasMessageContaining("new migration");
    }

    @Test
    void refusesAppliedMigrationMissingFromTheLocation() {
        refused(status(entry("1", "a", MigrationState.APPLIED), entry("2", "gone", MigrationState.MISSING)),
                ErrorCode.MISSING_MIGRATION)
                .hasMessageContaining("V2__gone.sql").hasMessageContaining("2025-01-02T03:04:05Z")
                .hasMessageContaining("--location");
    }

    @Test
    void refusesFailedEntriesInTheHistory() {
        refused(status(entry("1", "half", MigrationState.FAILED)), ErrorCode.FAILED_MIGRATION_IN_HISTORY)
                .hasMessageContaining("V1__half.sql").hasMessageContaining("delete its failed row");
    }

    @Test
    void refusesOutOfOrderMigrationUnlessAllowed() {
        MigrationStatus late = status(entry("1", "a", MigrationState.APPLIED), entry("2", "late", MigrationState.OUT_OF_ORDER),
                entry("3", "c", MigrationState.APPLIED));

        refused(late, ErrorCode.OUT_OF_ORDER).hasMessageContaining("V2__late.sql").hasMessageContaining("outOfOrder");
        assertThatCode(() -> HistoryCheck.verify(late, true)).doesNotThrowAnyException();
    }

    @Test
    void allowingOutOfOrderDoesNotAllowDrift() {
        MigrationStatus drift = status(entry("1", "a", MigrationState.CHECKSUM_DRIFT));

        assertThatThrownBy(() -> HistoryCheck.verify(drift, true)).isInstanceOfSatisfying(SlipwayException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_DRIFT));
    }

    @Test
    void namesEveryOffenderOfTheFirstKindFound() {
        MigrationStatus both = status(entry("1", "a", MigrationState.CHECKSUM_DRIFT), entry("2", "b", MigrationState.MISSING),
                entry("3", "c", MigrationState.CHECKSUM_DRIFT));

        refused(both, ErrorCode.CHECKSUM_DRIFT).hasMessageContaining("Applied migrations were edited since they ran (2)")
                .hasMessageContaining("V1__a.sql").hasMessageContaining("V3__c.sql");
    }
}
