package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.ErrorCode;
import org.junit.jupiter.api.Test;

class MigrationFailedExceptionTest {

    private static MigrationFailedException failure(String sqlState, boolean transactional, String dbMessage) {
        return MigrationFailedException.of("V3__note.sql", "V3__note.sql", 7, sqlState, "ALTER TABLE t ADD c int",
                transactional, dbMessage, null);
    }

    @Test
    void aLockTimeoutIsALockFailure() {
        MigrationFailedException e = failure("55P03", true, "canceling statement due to lock timeout");

        assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
        assertThat(e.exitCode()).isEqualTo(5);
        assertThat(e.isLockFailure()).isTrue();
        assertThat(e.getMessage()).contains("V3__note.sql:7", "SQLSTATE 55P03", "lock timeout");
    }

    @Test
    void aDeadlockIsALockFailure() {
        MigrationFailedException e = failure("40P01", true, "deadlock detected");

        assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
        assertThat(e.isLockFailure()).isTrue();
    }

    @Test
    void aStatementTimeoutIsReportedAsSuchAndNotRetried() {
        MigrationFailedException e = failure("57014", true, "canceling statement due to statement timeout");

        assertThat(e.code()).isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
        assertThat(e.exitCode()).isEqualTo(4);
        assertThat(e.isLockFailure()).isFalse();
        assertThat(e.getMessage()).contains("V3__note.sql:7", "exceeded statement_timeout");
    }

    @Test
    void anyOtherErrorIsAMigrationFailure() {
        MigrationFailedException e = failure("42601", true, "syntax error at or near \"CREAT\"");

        assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(e.isLockFailure()).isFalse();
        assertThat(e.getMessage()).contains("V3__note.sql:7", "SQLSTATE 42601", "syntax error");
    }

    @Test
    void theMessageSaysWhetherTheMigrationWasRolledBack() {
        assertThat(failure("42601", true, "x").getMessage())
                .contains("rolled back", "as it was before V3__note.sql");
        assertThat(failure("42601", false, "x").getMessage())
                .contains("outside a transaction", "stay applied").doesNotContain("rolled back");
    }

    @Test
    void aFailureWithoutALineNamesTheScriptAlone() {
        MigrationFailedException e = MigrationFailedException.of("db/changelog.xml::1::ann", "db/changelog.xml", -1,
                "42601", null, true, "x", null);

        assertThat(e.getMessage()).startsWith("migration db/changelog.xml failed");
    }

    @Test
    void withDetailKeepsWhatCallersBranchOn() {
        MigrationFailedException e = failure("55P03", false, "canceling statement due to lock timeout");

        MigrationFailedException detailed = e.withDetail("; blocked by pid 42");

        assertThat(detailed.getMessage()).isEqualTo(e.getMessage() + "; blocked by pid 42");
        assertThat(detailed.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
        assertThat(detailed.sqlState()).isEqualTo("55P03");
        assertThat(detailed.line()).isEqualTo(7);
        assertThat(detailed.script()).isEqualTo("V3__note.sql");
        assertThat(detailed.migration()).isEqualTo("V3__note.sql");
        assertThat(detailed.transactional()).isFalse();
        assertThat(detailed.getCause()).isSameAs(e);
    }
}
